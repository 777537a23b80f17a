import type { Db } from '../../../../src/server/platform/db/pool.js';
import type { App } from '../../../../src/server/platform/http/types.js';
import {
  sessionRecordingChunks,
  sessionRecordings,
  sessionSnapshots,
  supportSessions,
} from '../../../../src/server/modules/sessions/tables.js';
import { call } from '../../../support/test-app.js';
import type { World } from '../../../support/builders/index.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf } from './portals.js';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 16, 0, 0, 0, 9, 8, 6, 0, 0, 0]),
  Buffer.alloc(4),
]);

/** A Remote Support seat for the administrator and the technician (seat rows take them away). */
async function ensureSeats(app: App, world: World): Promise<void> {
  for (const userId of [world.users.administrator.id, world.users.technician.id])
    await call(app, world.tokens.administrator, {
      method: 'POST',
      url: '/api/v1/seats/remoteSupport/assignments',
      payload: { userId },
    });
}

/**
 * An active, recorded session in the target's company: the technician's in their own company, the
 * colleague's in the other, the other account's administrator's there; with a recording and a
 * snapshot when told. Returns its id (a missing one for `missing`).
 */
async function aSession(
  { app, db, world, target }: CaseContext,
  extras: { recording?: boolean; snapshot?: boolean } = {},
): Promise<{ id: string; snapshotId: string }> {
  await ensureSeats(app, world);
  if (target === 'missing') return { id: missingId, snapshotId: missingId };
  const owner: Record<Exclude<Target, 'missing' | 'none'>, { id: string; accountId: string }> = {
    own: world.users.technician,
    otherCompany: world.users.colleague,
    otherAccount: world.users.otherAccountAdmin,
  };
  const technician = owner[target as keyof typeof owner];
  const [session] = await db
    .insert(supportSessions)
    .values({
      accountId: technician.accountId,
      companyId: companyOf(world, target),
      technicianId: technician.id,
      status: 'active',
      recordingPolicy: 'always',
      recorded: true,
      startedAt: new Date(),
    })
    .returning({ id: supportSessions.id });
  const id = session!.id;
  if (extras.recording) await aRecording(db, id, technician.accountId);
  let snapshotId = missingId;
  if (extras.snapshot) {
    const [row] = await db
      .insert(sessionSnapshots)
      .values({ sessionId: id, takenBy: technician.id, contentType: 'image/png', data: png, width: 16, height: 9 })
      .returning({ id: sessionSnapshots.id });
    snapshotId = row!.id;
  }
  return { id, snapshotId };
}

async function aRecording(db: Db, sessionId: string, accountId: string): Promise<void> {
  const data = Buffer.from('not really webm');
  await db.insert(sessionRecordings).values({
    sessionId,
    accountId,
    status: 'recording',
    mimeType: 'video/webm',
    bytes: data.length,
    chunkCount: 1,
    deleteAfter: new Date(Date.now() + 86_400_000),
  });
  await db.insert(sessionRecordingChunks).values({ sessionId, seq: 0, data });
}

/** The session's technician only (administrators see it but do not record it); viewers lack `sessions.run`. */
const ownerOnly = (status: number) => ({
  anonymous: 401,
  administrator: { own: 403, otherCompany: 403, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
});

/** Administrators every session of their companies, technicians their own; viewers may not watch. */
const watchers = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
};

/** Whoever reads sessions, within their companies. */
const readers = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
};

/** Session recordings and snapshots. */
export const sessionRecordingRows: MatrixRow[] = [
  {
    route: 'PUT /api/v1/sessions/:id/recording/chunks/:seq',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/sessions/${(await aSession(ctx)).id}/recording/chunks/0`,
      headers: { 'content-type': 'video/webm' },
      payload: Buffer.from('a chunk'),
    }),
    expect: ownerOnly(201),
  },
  {
    route: 'POST /api/v1/sessions/:id/recording/finish',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/sessions/${(await aSession(ctx, { recording: true })).id}/recording/finish`,
    }),
    expect: ownerOnly(200),
  },
  {
    route: 'GET /api/v1/sessions/:id/recording/info',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/sessions/${(await aSession(ctx, { recording: true })).id}/recording/info`,
    }),
    expect: watchers,
  },
  {
    route: 'GET /api/v1/sessions/:id/recording',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/sessions/${(await aSession(ctx, { recording: true })).id}/recording`,
    }),
    expect: watchers,
  },
  {
    route: 'POST /api/v1/sessions/:id/snapshots',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/sessions/${(await aSession(ctx)).id}/snapshots`,
      headers: { 'content-type': 'image/png' },
      payload: png,
    }),
    expect: ownerOnly(201),
  },
  {
    route: 'GET /api/v1/sessions/:id/snapshots',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/sessions/${(await aSession(ctx)).id}/snapshots` }),
    expect: readers,
  },
  {
    route: 'GET /api/v1/sessions/:id/snapshots/:snapshotId',
    targets: objectTargets,
    request: async (ctx) => {
      const { id, snapshotId } = await aSession(ctx, { snapshot: true });
      return { method: 'GET', url: `/api/v1/sessions/${id}/snapshots/${snapshotId}` };
    },
    expect: readers,
  },
];

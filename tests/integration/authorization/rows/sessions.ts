import type { App } from '../../../../src/server/platform/http/types.js';
import { call } from '../../../support/test-app.js';
import { aSessionWatcher, aSupportSession, endOpenSessionsOf, type World } from '../../../support/builders/index.js';
import { missingId, objectTargets, signedIn, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf } from './portals.js';

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
 * A waiting session (recording `optional`) in the target's company: the technician's in their own
 * company, the colleague's in the other, the other account's administrator's there; a missing id
 * for `missing`. The administrator's and the technician's open sessions end first: the matrix
 * makes many, and the per-technician limit is not what it tests.
 */
async function aSession({ app, db, world, target }: CaseContext): Promise<string> {
  await ensureSeats(app, world);
  for (const user of [world.users.administrator, world.users.technician]) await endOpenSessionsOf(db, user.id);
  if (target === 'missing') return missingId;
  const owner = {
    own: world.users.technician,
    otherCompany: world.users.colleague,
    otherAccount: world.users.otherAccountAdmin,
  }[target as 'own' | 'otherCompany' | 'otherAccount'];
  const row = await aSupportSession(db, {
    accountId: owner.accountId,
    companyId: companyOf(world, target),
    technicianId: owner.id,
    recordingPolicy: 'optional',
  });
  return row.id;
}

/** Reads: everyone signed in within their companies. */
const read = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
};

/** Running a session: the owner (the technician on `own`) or an administrator; viewers never (`sessions.run`). */
const run = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
});

/** Who the caller invites or hands over to: the administrator (the technician's session), or themselves. */
const someoneElse = (world: World) => world.users.administrator.id;

const action = (path: string, method: 'POST' | 'PUT' = 'POST') => ({
  route: `${method} /api/v1/sessions/:id/${path}`,
  targets: objectTargets,
});

/** Remote-support sessions, the technicians' side. */
export const sessionRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/sessions',
    targets: objectTargets,
    request: async (ctx) => {
      await aSession({ ...ctx, target: 'missing' });
      return { method: 'POST', url: '/api/v1/sessions', payload: { companyId: companyOf(ctx.world, ctx.target) } };
    },
    expect: { ...run(201), viewer: 403 },
  },
  {
    route: 'GET /api/v1/sessions',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/sessions' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/sessions.csv',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/sessions.csv' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/sessions/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/sessions/${await aSession(ctx)}` }),
    expect: { ...read, viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 } },
  },
  {
    ...action('end'),
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/sessions/${await aSession(ctx)}/end`,
      payload: { outcome: 'resolved' },
    }),
    expect: run(200),
  },
  {
    ...action('invite'),
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/sessions/${await aSession(ctx)}/invite`,
      payload: { userId: someoneElse(ctx.world) },
    }),
    expect: run(200),
  },
  {
    ...action('transfer'),
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/sessions/${await aSession(ctx)}/transfer`,
      payload: { userId: someoneElse(ctx.world) },
    }),
    expect: run(200),
  },
  {
    route: 'DELETE /api/v1/sessions/:id/watchers/:userId',
    targets: objectTargets,
    request: async (ctx) => {
      const id = await aSession(ctx);
      const watcher = someoneElse(ctx.world);
      if (id !== missingId) await aSessionWatcher(ctx.db, id, watcher, watcher);
      return { method: 'DELETE', url: `/api/v1/sessions/${id}/watchers/${watcher}` };
    },
    expect: run(200),
  },
  {
    ...action('recording', 'PUT'),
    request: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/sessions/${await aSession(ctx)}/recording`,
      payload: { recorded: true },
    }),
    // the session's own technician only: an administrator may not choose for them
    expect: {
      ...run(200),
      administrator: { own: 403, otherCompany: 403, otherAccount: 404, missing: 404 } satisfies Partial<
        Record<Target, number>
      >,
    },
  },
];

import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import type { App } from '../../../../src/server/platform/http/types.js';
import { sha256 } from '../../../../src/server/platform/crypto/secrets.js';
import { insertRequest, nextNumber } from '../../../../src/server/modules/requests/index.js';
import { supportSessions } from '../../../../src/server/modules/sessions/tables.js';
import { call } from '../../../support/test-app.js';
import { portalOf, slugOf, type World } from '../../../support/builders/index.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf, publicly } from './portals.js';

/** A client address of its own per case: the wrong-code throttle would otherwise refuse a matrix that runs fast. */
let addresses = 0;
const nextAddress = () => `198.18.${100 + (Math.floor(addresses / 250) % 100)}.${1 + (addresses++ % 250)}`;

export const accountOf = (world: World, target: Target) =>
  target === 'otherAccount' ? world.accountB : world.accountA;

/** A Remote Support seat for the administrator and the technician (seat rows take them away). */
export async function ensureSeats(app: App, world: World): Promise<void> {
  for (const userId of [world.users.administrator.id, world.users.technician.id])
    await call(app, world.tokens.administrator, {
      method: 'POST',
      url: '/api/v1/seats/remoteSupport/assignments',
      payload: { userId },
    });
}

/** A session in the target's company, held by `technicianId`: waiting with a code, or joined with its chat. */
async function aSession(db: Db, world: World, target: Target, technicianId: string, joined: boolean) {
  const companyId = companyOf(world, target);
  const account = accountOf(world, target);
  const portal = await portalOf(db, account.id, companyId);
  const code = String(randomInt(100_000_000, 1_000_000_000));
  const token = randomBytes(24).toString('base64url');
  const request = joined
    ? await insertRequest(db, {
        accountId: account.id,
        companyId,
        portalId: portal.id,
        number: await nextNumber(db, account.id),
        status: 'active',
        kind: 'chat',
        customerName: 'Matrix Customer',
        customerEmail: '',
        question: '',
        language: 'en',
        visitorTokenHash: sha256(token),
        assigneeId: technicianId,
        acceptedAt: new Date(),
      })
    : null;
  const [row] = await db
    .insert(supportSessions)
    .values({
      accountId: account.id,
      companyId,
      technicianId,
      status: joined ? 'joined' : 'waiting',
      codeHash: joined ? null : sha256(code),
      codeExpiresAt: joined ? null : new Date(Date.now() + 600_000),
      requestId: request?.id ?? null,
      recordingPolicy: 'off',
    })
    .returning();
  return { id: row!.id, code, token, slug: portal.slug, requestId: request?.id ?? missingId };
}

const visitorTargets: Target[] = ['own', 'otherAccount', 'missing'];

/** The customer's side of a joined session: its own portal, another account's session on it, or none. */
async function customerCase({ db, world, target }: CaseContext) {
  const own = await aSession(db, world, 'own', world.users.technician.id, true);
  if (target === 'own') return own;
  if (target === 'missing') return { ...own, id: missingId };
  const theirs = await aSession(db, world, 'otherAccount', world.users.otherAccountAdmin.id, true);
  return { ...theirs, slug: own.slug };
}

const customerRoute = (method: 'GET' | 'POST', suffix: string, ok: number, payload?: object): MatrixRow => ({
  route: `${method} /api/portal/:slug/sessions/:id${suffix}`,
  targets: visitorTargets,
  request: async (ctx) => {
    const s = await customerCase(ctx);
    return {
      method,
      url: `/api/portal/${s.slug}/sessions/${s.id}${suffix}`,
      headers: { 'x-visitor-token': s.token },
      remoteAddress: nextAddress(),
      ...(payload ? { payload } : {}),
    };
  },
  expect: publicly({ own: ok, otherAccount: 404, missing: 404 }),
});

/** Remote-support sessions, the customer's side: join by code, consent, sharing, leave, ICE servers, the socket. */
export const sessionPortalRows: MatrixRow[] = [
  {
    route: 'POST /api/portal/:slug/sessions',
    targets: ['own', 'otherCompany', 'missing'],
    request: async ({ db, world, target }) => {
      const s = await aSession(db, world, target === 'missing' ? 'own' : target, world.users.technician.id, false);
      return {
        method: 'POST',
        url: `/api/portal/${await slugOf(db, companyOf(world, 'own'))}/sessions`,
        payload: { code: target === 'missing' ? '000000000' : s.code, name: 'Matrix' },
        remoteAddress: nextAddress(),
      };
    },
    expect: publicly({ own: 201, otherCompany: 404, missing: 404 }),
    // a wrong code is counted for the address's throttle (support_session_code_failures)
    refusalsAreRecorded: true,
  },
  {
    route: 'POST /api/join/sessions',
    targets: ['own', 'otherAccount', 'missing'],
    request: async ({ db, world, target }) => {
      const holder = target === 'otherAccount' ? world.users.otherAccountAdmin.id : world.users.technician.id;
      const s = await aSession(db, world, target === 'missing' ? 'own' : target, holder, false);
      return {
        method: 'POST',
        url: '/api/join/sessions',
        payload: { code: target === 'missing' ? '000000000' : s.code, name: 'Matrix' },
        remoteAddress: nextAddress(),
      };
    },
    // codes are unique on the server: the join page finds any account's
    expect: publicly({ own: 201, otherAccount: 201, missing: 404 }),
    refusalsAreRecorded: true,
  },
  {
    route: 'POST /api/portal/:slug/requests/:id/session',
    targets: visitorTargets,
    request: async (ctx) => {
      const s = await customerCase(ctx);
      if (ctx.target === 'own')
        await ctx.db.update(supportSessions).set({ status: 'waiting' }).where(eq(supportSessions.id, s.id));
      return {
        method: 'POST',
        url: `/api/portal/${s.slug}/requests/${ctx.target === 'missing' ? missingId : s.requestId}/session`,
        headers: { 'x-visitor-token': s.token },
        remoteAddress: nextAddress(),
      };
    },
    expect: publicly({ own: 200, otherAccount: 404, missing: 404 }),
  },
  customerRoute('GET', '', 200),
  customerRoute('POST', '/consent', 200, { consent: true }),
  customerRoute('POST', '/sharing', 409, { sharing: true }),
  customerRoute('POST', '/leave', 200),
  customerRoute('GET', '/ice-servers', 200),
  {
    route: 'GET /api/portal/:slug/sessions/:id/socket',
    targets: visitorTargets,
    request: async (ctx) => {
      const s = await customerCase(ctx);
      return { method: 'GET', url: `/api/portal/${s.slug}/sessions/${s.id}/socket?token=${s.token}` };
    },
    expect: publicly({ own: 426, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'GET /api/v1/sessions/:id/ice-servers',
    targets: objectTargets,
    request: async ({ app, db, world, who, target }) => {
      await ensureSeats(app, world);
      if (target === 'missing') return { method: 'GET', url: `/api/v1/sessions/${missingId}/ice-servers` };
      // the caller's own session (another account's: its administrator's)
      const holder =
        target === 'otherAccount'
          ? world.users.otherAccountAdmin.id
          : who === 'anonymous'
            ? world.users.technician.id
            : world.users[who].id;
      const s = await aSession(db, world, target, holder, true);
      return { method: 'GET', url: `/api/v1/sessions/${s.id}/ice-servers` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
];

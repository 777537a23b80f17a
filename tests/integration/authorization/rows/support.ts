import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import type { App } from '../../../../src/server/platform/http/types.js';
import { sha256 } from '../../../../src/server/platform/crypto/secrets.js';
import { insertAttachment, insertRequest, nextNumber } from '../../../../src/server/modules/requests/index.js';
import { call } from '../../../support/test-app.js';
import {
  closeActiveRequestsOf,
  portalOf,
  requestRow,
  type Who,
  type World,
  slugOf,
} from '../../../support/builders/index.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf, publicly } from './portals.js';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17, 1),
]);

/** Both seats for the administrator, the technician and the colleague (seat rows take them away). */
async function ensureSeats(app: App, world: World): Promise<void> {
  for (const userId of [world.users.administrator.id, world.users.technician.id, world.users.colleague.id]) {
    for (const module of ['remoteSupport', 'serviceDesk']) {
      await call(app, world.tokens.administrator, {
        method: 'POST',
        url: `/api/v1/seats/${module}/assignments`,
        payload: { userId },
      });
    }
  }
}

/**
 * A client address of its own for each customer-side case: the portal's per-address limits
 * (and the per-route request limits) would otherwise refuse a matrix that runs fast.
 */
let addresses = 0;
const nextAddress = () => `198.51.${100 + (Math.floor(addresses / 250) % 100)}.${1 + (addresses++ % 250)}`;

const userIdOf = (world: World, who: Who) => (who === 'anonymous' ? null : world.users[who].id);

type State = 'waiting' | 'active' | 'offline';

/** A request in the target's company, made directly (its token known); active ones held by `holder`. */
async function makeRequest(db: Db, world: World, target: Target, state: State, holder: string | null) {
  const companyId = companyOf(world, target);
  if (target === 'missing') return { id: missingId, token: 'none', slug: await slugOf(db, companyOf(world, 'own')) };
  const accountId = target === 'otherAccount' ? world.accountB.id : world.accountA.id;
  const portal = await portalOf(db, accountId, companyId);
  const token = randomBytes(24).toString('base64url');
  const row = await insertRequest(db, {
    accountId: portal.accountId,
    companyId,
    portalId: portal.id,
    number: await nextNumber(db, portal.accountId),
    status: state,
    kind: state === 'waiting' ? null : state === 'active' ? 'chat' : 'question',
    customerName: 'Matrix Customer',
    customerEmail: 'matrix@example.test',
    question: 'Matrix question',
    language: 'en',
    visitorTokenHash: sha256(token),
    assigneeId: state === 'active' ? holder : null,
    acceptedAt: state === 'active' ? new Date() : null,
    waitDeadline: state === 'waiting' ? new Date(Date.now() + 3_600_000) : null,
    // made an hour ago: prepared requests do not count against the portal's per-minute limit
    createdAt: new Date(Date.now() - 3_600_000),
  });
  return { id: row.id, token, slug: portal.slug };
}

/** Prepares a console case: seats, a fresh request in the target company, capacity freed. */
async function consoleCase({ app, db, world, who, target }: CaseContext, state: State) {
  await ensureSeats(app, world);
  const holder = userIdOf(world, who);
  if (holder) await closeActiveRequestsOf(db, holder);
  return makeRequest(db, world, target, state, holder);
}

/** The customer's side aims at a request of its portal (own), one of another account's portal, or none. */
async function visitorCase({ db, world, target }: CaseContext, state: State = 'offline') {
  if (target === 'otherAccount') {
    const mine = await makeRequest(db, world, 'own', state, null);
    const theirs = await makeRequest(db, world, 'otherAccount', state, null);
    return { id: theirs.id, token: theirs.token, slug: mine.slug };
  }
  return makeRequest(db, world, target, state, null);
}

const visitorTargets: Target[] = ['own', 'otherAccount', 'missing'];

/** Reads of a question: everyone with the company (viewers read the inbox). */
const readQuestion = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
};

/** Work on a request: administrators and seated technicians in their companies; viewers never. */
const work = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
});

const transferTo = (world: World, who: Who, target: Target) =>
  target === 'otherCompany'
    ? world.users.colleague.id
    : who === 'administrator'
      ? world.users.technician.id
      : world.users.administrator.id;

/** Support requests: the public portal API, the console's requests, presence. */
export const supportRows: MatrixRow[] = [
  // --- customers
  {
    route: 'POST /api/portal/:slug/requests',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => ({
      method: 'POST',
      url: `/api/portal/${target === 'own' ? await slugOf(db, companyOf(world, 'own')) : 'no-such-portal'}/requests`,
      payload: { name: 'Matrix', email: 'matrix@example.test', question: 'Hello?' },
      remoteAddress: nextAddress(),
    }),
    expect: publicly({ own: 201, missing: 404 }),
  },
  {
    route: 'GET /api/portal/:slug/requests/:id',
    targets: visitorTargets,
    request: async (ctx) => {
      const r = await visitorCase(ctx);
      return {
        method: 'GET',
        url: `/api/portal/${r.slug}/requests/${r.id}`,
        headers: { 'x-visitor-token': r.token },
        remoteAddress: nextAddress(),
      };
    },
    expect: publicly({ own: 200, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'GET /api/portal/:slug/requests/:id/messages',
    targets: visitorTargets,
    request: async (ctx) => {
      const r = await visitorCase(ctx);
      return {
        method: 'GET',
        url: `/api/portal/${r.slug}/requests/${r.id}/messages`,
        headers: { 'x-visitor-token': r.token },
        remoteAddress: nextAddress(),
      };
    },
    expect: publicly({ own: 200, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'POST /api/portal/:slug/requests/:id/messages',
    targets: visitorTargets,
    request: async (ctx) => {
      const r = await visitorCase(ctx);
      return {
        method: 'POST',
        url: `/api/portal/${r.slug}/requests/${r.id}/messages`,
        headers: { 'x-visitor-token': r.token },
        remoteAddress: nextAddress(),
        payload: { clientId: 'matrix', body: 'Hi' },
      };
    },
    expect: publicly({ own: 201, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'POST /api/portal/:slug/requests/:id/attachments',
    targets: visitorTargets,
    request: async (ctx) => {
      await call(ctx.app, ctx.world.tokens.administrator, {
        method: 'PATCH',
        url: `/api/v1/companies/${companyOf(ctx.world, 'own')}/settings`,
        payload: { values: { 'portal.allowAttachments': true } },
      });
      const r = await visitorCase(ctx);
      return {
        method: 'POST',
        url: `/api/portal/${r.slug}/requests/${r.id}/attachments?name=shot.png`,
        headers: { 'x-visitor-token': r.token, 'content-type': 'image/png' },
        remoteAddress: nextAddress(),
        payload: png,
      };
    },
    expect: publicly({ own: 201, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'GET /api/portal/:slug/requests/:id/attachments/:attachmentId',
    targets: visitorTargets,
    request: async (ctx) => {
      const r = await visitorCase(ctx);
      let attachmentId = missingId;
      if (r.id !== missingId) {
        const row = await requestRow(ctx.db, r.id);
        attachmentId = (
          await insertAttachment(ctx.db, {
            accountId: row.accountId,
            requestId: r.id,
            uploadedBy: 'customer',
            name: 'a.png',
            contentType: 'image/png',
            size: png.length,
            bytes: png,
          })
        ).id;
      }
      return {
        method: 'GET',
        url: `/api/portal/${r.slug}/requests/${r.id}/attachments/${attachmentId}?token=${r.token}`,
      };
    },
    expect: publicly({ own: 200, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'GET /api/portal/:slug/requests/:id/socket',
    targets: visitorTargets,
    request: async (ctx) => {
      const r = await visitorCase(ctx);
      return { method: 'GET', url: `/api/portal/${r.slug}/requests/${r.id}/socket?token=${r.token}` };
    },
    expect: publicly({ own: 426, otherAccount: 404, missing: 404 }),
  },

  // --- technicians
  {
    route: 'GET /api/v1/support-requests',
    targets: ['none'],
    request: async ({ app, world }) => {
      await ensureSeats(app, world);
      return { method: 'GET', url: '/api/v1/support-requests?view=inbox' };
    },
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'GET /api/v1/support-requests/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'offline')).id}`,
    }),
    expect: readQuestion,
  },
  {
    route: 'GET /api/v1/support-requests/:id/messages',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'offline')).id}/messages`,
    }),
    expect: readQuestion,
  },
  {
    route: 'GET /api/v1/support-requests/:id/attachments/:attachmentId',
    targets: objectTargets,
    request: async (ctx) => {
      const r = await consoleCase(ctx, 'offline');
      let attachmentId = missingId;
      if (r.id !== missingId) {
        const row = await requestRow(ctx.db, r.id);
        attachmentId = (
          await insertAttachment(ctx.db, {
            accountId: row.accountId,
            requestId: r.id,
            uploadedBy: 'customer',
            name: 'a.png',
            contentType: 'image/png',
            size: png.length,
            bytes: png,
          })
        ).id;
      }
      return { method: 'GET', url: `/api/v1/support-requests/${r.id}/attachments/${attachmentId}` };
    },
    expect: readQuestion,
  },
  {
    route: 'POST /api/v1/support-requests/:id/messages',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'active')).id}/messages`,
      payload: { clientId: 'matrix', body: 'Hello' },
    }),
    expect: work(201),
  },
  {
    route: 'POST /api/v1/support-requests/:id/attachments',
    targets: objectTargets,
    request: async (ctx) => {
      for (const company of ['own', 'otherCompany'] as const) {
        await call(ctx.app, ctx.world.tokens.administrator, {
          method: 'PATCH',
          url: `/api/v1/companies/${companyOf(ctx.world, company)}/settings`,
          payload: { values: { 'portal.allowAttachments': true } },
        });
      }
      return {
        method: 'POST',
        url: `/api/v1/support-requests/${(await consoleCase(ctx, 'active')).id}/attachments?name=shot.png`,
        headers: { 'content-type': 'image/png' },
        payload: png,
      };
    },
    expect: work(201),
  },
  {
    route: 'POST /api/v1/support-requests/:id/accept',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'waiting')).id}/accept`,
    }),
    expect: work(200),
  },
  {
    route: 'POST /api/v1/support-requests/:id/transfer',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'active')).id}/transfer`,
      payload: { userId: transferTo(ctx.world, ctx.who, ctx.target) },
    }),
    expect: work(200),
  },
  {
    route: 'POST /api/v1/support-requests/:id/close',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'active')).id}/close`,
      payload: { outcome: 'resolved', notes: 'done' },
    }),
    expect: work(200),
  },
  {
    route: 'POST /api/v1/support-requests/:id/assign',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'offline')).id}/assign`,
      payload: { userId: null },
    }),
    expect: work(200),
  },
  {
    route: 'POST /api/v1/support-requests/:id/answer',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/support-requests/${(await consoleCase(ctx, 'offline')).id}/answer`,
      payload: { clientId: 'matrix', body: 'Here is the answer' },
    }),
    expect: work(200),
  },

  // --- presence
  {
    route: 'GET /api/v1/me/presence',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me/presence' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'PUT /api/v1/me/presence',
    targets: ['none'],
    request: () => ({ method: 'PUT', url: '/api/v1/me/presence', payload: { status: 'available', capacity: 5 } }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'GET /api/v1/presence',
    targets: objectTargets,
    request: ({ world, target }) => ({ method: 'GET', url: `/api/v1/presence?companyId=${companyOf(world, target)}` }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
];

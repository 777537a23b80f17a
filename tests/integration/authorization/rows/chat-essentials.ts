import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { sha256 } from '../../../../src/server/platform/crypto/secrets.js';
import { insertRequest, nextNumber } from '../../../../src/server/modules/requests/index.js';
import { cannedReplies } from '../../../../src/server/modules/canned-replies/tables.js';
import { portalOf, slugOf, type World } from '../../../support/builders/index.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf, publicly } from './portals.js';

/** A company reply in the target's company (or a missing id), made directly. */
async function replyFor({ db, world, target }: CaseContext): Promise<string> {
  if (target === 'missing') return missingId;
  const [row] = await db
    .insert(cannedReplies)
    .values({
      accountId: target === 'otherAccount' ? world.accountB.id : world.accountA.id,
      scope: 'company',
      companyId: companyOf(world, target),
      title: 'Matrix',
      shortcut: `m-${randomBytes(3).toString('hex')}`,
      body: 'Matrix',
    })
    .returning({ id: cannedReplies.id });
  return row!.id;
}

/** Shared replies: administrators in any company of theirs; technicians 403 in theirs, 404 elsewhere; viewers nothing. */
const sharedChange = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
});

/** A closed chat a technician held, in the target's company, with its customer's token. */
async function closedChat(db: Db, world: World, target: Target) {
  const own = await slugOf(db, companyOf(world, 'own'));
  if (target === 'missing') return { id: missingId, token: 'none', slug: own };
  const accountId = target === 'otherAccount' ? world.accountB.id : world.accountA.id;
  const portal = await portalOf(db, accountId, companyOf(world, target));
  const token = randomBytes(24).toString('base64url');
  const row = await insertRequest(db, {
    accountId,
    companyId: portal.companyId,
    portalId: portal.id,
    number: await nextNumber(db, accountId),
    status: 'closed',
    kind: 'chat',
    customerName: 'Matrix Customer',
    customerEmail: 'matrix@example.test',
    question: 'Matrix question',
    language: 'en',
    visitorTokenHash: sha256(token),
    acceptedAt: new Date(Date.now() - 60_000),
    closedAt: new Date(),
    createdAt: new Date(Date.now() - 3_600_000),
  });
  // another account's request is asked for through this account's portal
  return { id: row.id, token, slug: target === 'otherAccount' ? own : portal.slug };
}

const visitorTargets: Target[] = ['own', 'otherAccount', 'missing'];

/** Canned replies and the satisfaction question's routes. */
export const chatEssentialRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/canned-replies',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/canned-replies' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'POST /api/v1/canned-replies',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'POST',
      url: '/api/v1/canned-replies',
      payload: {
        scope: 'company',
        companyId: companyOf(world, target),
        title: 'Matrix',
        shortcut: `n-${randomBytes(3).toString('hex')}`,
        body: 'Matrix',
      },
    }),
    expect: sharedChange(201),
  },
  {
    route: 'PATCH /api/v1/canned-replies/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/canned-replies/${await replyFor(ctx)}`,
      payload: { title: 'Renamed' },
    }),
    expect: sharedChange(200),
  },
  {
    route: 'DELETE /api/v1/canned-replies/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/canned-replies/${await replyFor(ctx)}` }),
    expect: sharedChange(204),
  },
  {
    route: 'GET /api/portal/:slug/requests/:id/rating',
    targets: visitorTargets,
    request: async ({ db, world, target }) => {
      const r = await closedChat(db, world, target);
      return {
        method: 'GET',
        url: `/api/portal/${r.slug}/requests/${r.id}/rating`,
        headers: { 'x-visitor-token': r.token },
      };
    },
    expect: publicly({ own: 200, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'POST /api/portal/:slug/requests/:id/rating',
    targets: visitorTargets,
    request: async ({ db, world, target }) => {
      const r = await closedChat(db, world, target);
      return {
        method: 'POST',
        url: `/api/portal/${r.slug}/requests/${r.id}/rating`,
        headers: { 'x-visitor-token': r.token },
        payload: { score: 4 },
      };
    },
    expect: publicly({ own: 201, otherAccount: 404, missing: 404 }),
  },
  {
    route: 'GET /api/v1/support-ratings/summary',
    targets: ['none', ...objectTargets],
    request: ({ world, target }) => ({
      method: 'GET',
      url: `/api/v1/support-ratings/summary${target === 'none' ? '' : `?companyId=${companyOf(world, target)}`}`,
    }),
    expect: {
      anonymous: 401,
      administrator: { none: 200, own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { none: 200, own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
];

import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { anInvitation, aUser, changeUser, uniqueEmail, type World } from '../../../support/builders/index.js';
import { adminOnly, missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';

/**
 * Users & permissions: list, invitations, edits, CSV import and export.
 * Objects: `own` is a user of the first company (the technician's and viewer's), `otherCompany` one
 * of the second company only, `otherAccount` one of account B.
 */

/** Administrators see every user of their account; others refuse at the permission. */
const adminSeesAccount = (status: number) => ({ own: status, otherCompany: status, otherAccount: 404, missing: 404 });
const adminWrites = (status: number) => ({
  anonymous: 401,
  administrator: adminSeesAccount(status),
  technician: 403,
  viewer: 403,
});

/** A fresh user for a target, so that each case changes its own. */
async function userFor(
  { db, world, target }: CaseContext,
  options: { status?: 'active' | 'disabled' | 'invited'; role?: 'technician' | 'viewer' } = {},
): Promise<string> {
  if (target === 'missing') return missingId;
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const company = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  const user = await aUser(db, account, {
    role: options.role ?? 'technician',
    companies: [company],
    status: options.status === 'disabled' ? 'disabled' : 'active',
  });
  if (options.status === 'invited') await changeUser(db, user, { status: 'invited', passwordHash: null });
  return user.id;
}

/** An open invitation with a known token, of a fresh invited user of account A's first company. */
async function invitationFor(db: Db, world: World, userId?: string): Promise<{ token: string; userId: string }> {
  const id = userId ?? (await userFor({ db, world, target: 'own' } as CaseContext, { status: 'invited' }));
  const { token } = await anInvitation(db, { id, accountId: world.accountA.id });
  return { token, userId: id };
}

/** The existing cast: the viewer shares the first company, the colleague works in the second. */
function existingUser(world: World, target: Target): string {
  if (target === 'own') return world.users.viewer.id;
  if (target === 'otherCompany') return world.users.colleague.id;
  if (target === 'otherAccount') return world.users.otherAccountAdmin.id;
  return missingId;
}

let addresses = 0;
/** The public routes are rate-limited per address: each case comes from an address of its own. */
const freshAddress = () => `198.51.100.${++addresses % 250}`;

export const userRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/users',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/users' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'GET /api/v1/users/export.csv',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/users/export.csv' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'GET /api/v1/users/:id',
    targets: objectTargets,
    request: ({ world, target }) => ({ method: 'GET', url: `/api/v1/users/${existingUser(world, target)}` }),
    expect: {
      anonymous: 401,
      administrator: adminSeesAccount(200),
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'POST /api/v1/users',
    targets: ['none'],
    request: ({ world }) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: uniqueEmail('matrix'),
        name: 'Matrix Invitee',
        role: 'technician',
        companyIds: [world.accountA.companyIds[0]],
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/v1/users/batch',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/users/batch',
      payload: { people: [{ email: uniqueEmail('batch') }], role: 'viewer', companyIds: 'all' },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/v1/users/import',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/users/import',
      payload: { csv: `email,name,role,companies\n${uniqueEmail('csv')},Csv Person,viewer,all\n`, dryRun: false },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/users/${await userFor(ctx)}`,
      payload: { name: 'Renamed by the matrix', role: 'viewer' },
    }),
    expect: adminWrites(200),
  },
  {
    route: 'POST /api/v1/users/:id/disable',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/users/${await userFor(ctx)}/disable` }),
    expect: adminWrites(200),
  },
  {
    route: 'POST /api/v1/users/:id/enable',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await userFor(ctx, { status: 'disabled' })}/enable`,
    }),
    expect: adminWrites(200),
  },
  {
    route: 'DELETE /api/v1/users/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/users/${await userFor(ctx)}` }),
    expect: adminWrites(204),
  },
  {
    route: 'POST /api/v1/users/:id/invitation',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await userFor(ctx, { status: 'invited' })}/invitation`,
    }),
    expect: adminWrites(200),
  },
  {
    route: 'DELETE /api/v1/users/:id/invitation',
    targets: objectTargets,
    request: async (ctx) => {
      const id = await userFor(ctx, { status: 'invited' });
      if (ctx.target !== 'missing') {
        const accountId = ctx.target === 'otherAccount' ? ctx.world.accountB.id : ctx.world.accountA.id;
        await anInvitation(ctx.db, { id, accountId }, { hours: 24 });
      }
      return { method: 'DELETE', url: `/api/v1/users/${id}/invitation` };
    },
    expect: adminWrites(204),
  },

  // public: the token is the credential, whoever sends it
  {
    route: 'GET /api/v1/invitations/:token',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => {
      const token =
        target === 'missing' ? randomBytes(32).toString('base64url') : (await invitationFor(db, world)).token;
      return { method: 'GET', url: `/api/v1/invitations/${token}`, remoteAddress: freshAddress() };
    },
    expect: {
      anonymous: { own: 200, missing: 404 },
      administrator: { own: 200, missing: 404 },
      technician: { own: 200, missing: 404 },
      viewer: { own: 200, missing: 404 },
    },
  },
  {
    route: 'POST /api/v1/invitations/:token/accept',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => {
      const token =
        target === 'missing' ? randomBytes(32).toString('base64url') : (await invitationFor(db, world)).token;
      return {
        method: 'POST',
        url: `/api/v1/invitations/${token}/accept`,
        payload: { password: 'a matrix password' },
        remoteAddress: freshAddress(),
      };
    },
    expect: {
      anonymous: { own: 200, missing: 404 },
      administrator: { own: 200, missing: 404 },
      technician: { own: 200, missing: 404 },
      viewer: { own: 200, missing: 404 },
    },
  },
];

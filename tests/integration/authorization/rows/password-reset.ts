import { createHash, randomBytes } from 'node:crypto';
import { passwordResets } from '../../../../src/server/modules/password-reset/tables.js';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { aUser, userRow, type World } from '../../../support/builders/index.js';
import { all, missingId, type CaseContext, type MatrixRow } from '../matrix-kit.js';

/**
 * Password reset: "Forgot password?" and the link's page are public (the token is the credential);
 * "Send a password reset" is user management: administrators, for users of their account.
 */

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let addresses = 0;
/** The public routes are rate-limited per address: each case comes from an address of its own. */
const freshAddress = () => `198.51.101.${++addresses % 250}`;

/** A live reset link with a known token, of a fresh active user of account A's first company. */
async function resetLinkFor(db: Db, world: World): Promise<string> {
  const user = await aUser(db, world.accountA, { companies: [world.accountA.companyIds[0]] });
  const row = await userRow(db, user.id);
  const token = randomBytes(32).toString('base64url');
  await db.insert(passwordResets).values({
    userId: user.id,
    accountId: world.accountA.id,
    tokenHash: sha256(token),
    passwordFingerprint: sha256(row.passwordHash ?? ''),
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return token;
}

const tokenFor = async ({ db, world, target }: CaseContext) =>
  target === 'missing' ? randomBytes(32).toString('base64url') : resetLinkFor(db, world);

/** A fresh active user for the administrator's action, per target. */
async function userFor({ db, world, target }: CaseContext): Promise<string> {
  if (target === 'missing') return missingId;
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const company = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  return (await aUser(db, account, { companies: [company] })).id;
}

const publicLink = (status: number) => ({
  anonymous: { own: status, missing: 404 },
  administrator: { own: status, missing: 404 },
  technician: { own: status, missing: 404 },
  viewer: { own: status, missing: 404 },
});

export const passwordResetRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/password-resets',
    targets: ['none'],
    request: ({ world }) => ({
      method: 'POST',
      url: '/api/v1/password-resets',
      payload: { email: world.users.technician.email },
      remoteAddress: freshAddress(),
    }),
    expect: all(202),
  },
  {
    route: 'GET /api/v1/password-resets/:token',
    targets: ['own', 'missing'],
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/password-resets/${await tokenFor(ctx)}`,
      remoteAddress: freshAddress(),
    }),
    expect: publicLink(200),
  },
  {
    route: 'POST /api/v1/password-resets/:token',
    targets: ['own', 'missing'],
    request: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/password-resets/${await tokenFor(ctx)}`,
      payload: { password: 'a matrix password' },
      remoteAddress: freshAddress(),
    }),
    expect: publicLink(204),
  },
  {
    route: 'POST /api/v1/users/:id/password-reset',
    targets: ['own', 'otherCompany', 'otherAccount', 'missing'],
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/users/${await userFor(ctx)}/password-reset` }),
    expect: {
      anonymous: 401,
      administrator: { own: 204, otherCompany: 204, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
];

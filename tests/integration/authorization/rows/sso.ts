import type { Db } from '../../../../src/server/platform/db/pool.js';
import { ssoProviders } from '../../../../src/server/modules/sso/tables.js';
import { SecretBox, parseSecretKeys } from '../../../../src/server/platform/crypto/secret-box.js';
import { startTestProvider, type TestProvider } from '../../../support/oidc-provider.js';
import { testSecretKeys } from '../../../support/test-app.js';
import type { World } from '../../../support/builders/index.js';
import { adminOnly, all, missingId, objectTargets, type MatrixRow, type Target } from '../matrix-kit.js';

let provider: Promise<TestProvider> | null = null;
/** One real provider for the rows that reach it (started once, on first use). */
const idp = () => (provider ??= startTestProvider(['http://localhost/api/v1/auth/sso/callback']));

const box = new SecretBox({ keys: parseSecretKeys(testSecretKeys, 'test') });

/**
 * A provider of the target's account (`otherCompany`: providers are the account's, so the caller's
 * own account; missing: an id that is nobody's). Its issuer is the tests' provider, or a closed port.
 */
async function aProvider(db: Db, world: World, target: Target, options: { reachable?: boolean } = {}) {
  if (target === 'missing') return missingId;
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const issuer = options.reachable ? (await idp()).issuer : 'http://127.0.0.1:1';
  const [row] = await db
    .insert(ssoProviders)
    .values({
      accountId: account.id,
      name: 'Matrix provider',
      issuer,
      clientId: 'matrix',
      clientSecret: box.seal('matrix-secret'),
      scopes: 'openid email',
      groupsClaim: 'groups',
      createUsers: false,
      linkByEmail: false,
      enabled: true,
    })
    .returning();
  return row!.id;
}

const byAccount = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  // identity.manage: refused before anything is looked up
  technician: 403,
  viewer: 403,
});
const url = async ({ db, world, target }: { db: Db; world: World; target: Target }, suffix = '') =>
  `/api/v1/sso-providers/${await aProvider(db, world, target)}${suffix}`;

/** Single sign-on: the account's providers (administrators), and signing in through them (public). */
export const ssoRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/sso-providers',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/sso-providers' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/sso-providers',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/sso-providers',
      payload: { name: 'New', issuer: 'https://login.example.com', clientId: 'c', clientSecret: 's' },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/sso-providers/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'GET', url: await url(ctx) }),
    expect: byAccount(200),
  },
  {
    route: 'PATCH /api/v1/sso-providers/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'PATCH', url: await url(ctx), payload: { name: 'Renamed' } }),
    expect: byAccount(200),
  },
  {
    route: 'DELETE /api/v1/sso-providers/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: await url(ctx) }),
    expect: byAccount(204),
  },
  {
    // the issuer is a closed port: the answer says so (200, ok: false)
    route: 'POST /api/v1/sso-providers/:id/test',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'POST', url: await url(ctx, '/test') }),
    expect: byAccount(200),
  },
  {
    route: 'POST /api/v1/auth/sso/discover',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/auth/sso/discover', payload: { email: 'someone@example.com' } }),
    expect: all(200),
  },
  {
    // public: an account's own sign-in page lists its providers to anyone; an unknown account is 404
    route: 'GET /api/v1/auth/sso/accounts/:accountId',
    targets: ['own', 'otherAccount', 'missing'],
    request: ({ world, target }) => ({
      method: 'GET',
      url: `/api/v1/auth/sso/accounts/${target === 'missing' ? missingId : target === 'own' ? world.accountA.id : world.accountB.id}`,
    }),
    expect: {
      anonymous: { own: 200, otherAccount: 200, missing: 404 },
      administrator: { own: 200, otherAccount: 200, missing: 404 },
      technician: { own: 200, otherAccount: 200, missing: 404 },
      viewer: { own: 200, otherAccount: 200, missing: 404 },
    },
  },
  {
    // public: any enabled provider's sign-in starts (a redirection to it); a missing one is 404
    route: 'GET /api/v1/auth/sso/providers/:id/start',
    targets: ['own', 'otherAccount', 'missing'],
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/auth/sso/providers/${await aProvider(db, world, target, { reachable: true })}/start`,
    }),
    expect: {
      anonymous: { own: 302, otherAccount: 302, missing: 404 },
      administrator: { own: 302, otherAccount: 302, missing: 404 },
      technician: { own: 302, otherAccount: 302, missing: 404 },
      viewer: { own: 302, otherAccount: 302, missing: 404 },
    },
  },
  {
    // no sign-in under way: back to the sign-in page, saying so
    route: 'GET /api/v1/auth/sso/callback',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/auth/sso/callback?state=unknown&code=x' }),
    expect: all(302),
  },
  {
    route: 'GET /api/v1/sso-break-glass',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/sso-break-glass' }),
    expect: adminOnly(200),
  },
  {
    // own: the account's administrator; otherCompany: a colleague (unmarking changes nothing)
    route: 'PUT /api/v1/sso-break-glass/:id',
    targets: objectTargets,
    request: ({ world, target }) => {
      const id = {
        own: world.accountA.admin.id,
        otherCompany: world.users.colleague.id,
        otherAccount: world.accountB.admin.id,
        missing: missingId,
        none: missingId,
      }[target];
      return { method: 'PUT', url: `/api/v1/sso-break-glass/${id}`, payload: { breakGlass: false } };
    },
    expect: byAccount(204),
  },
];

import { testPassword } from '../../../support/builders/index.js';
import { bearerFor, signIn, type Caller } from '../../../support/test-app.js';
import {
  adminOnly,
  all,
  missingId,
  objectTargets,
  ownObjectOnly,
  signedIn,
  tokenIdOf,
  type MatrixRow,
  type Target,
} from '../matrix-kit.js';

/** Operations, documentation, setup, sign-in, profile, account, API tokens, audit log. */
export const foundationRows: MatrixRow[] = [
  // operations and documentation
  { route: 'GET /healthz', targets: ['none'], request: () => ({ method: 'GET', url: '/healthz' }), expect: all(200) },
  { route: 'GET /metrics', targets: ['none'], request: () => ({ method: 'GET', url: '/metrics' }), expect: all(200) },
  {
    route: 'GET /api/openapi.json',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/openapi.json' }),
    expect: all(200),
  },

  // setup: closed once an account exists, whoever asks
  {
    route: 'GET /api/v1/setup',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/setup' }),
    expect: all(200),
  },
  {
    route: 'POST /api/v1/setup',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        token: 'x',
        accountName: 'Evil',
        name: 'Eve',
        email: 'eve@example.test',
        password: 'a long password here',
      },
    }),
    expect: all(409),
  },

  // sign-in and out
  {
    route: 'POST /api/v1/auth/login',
    targets: ['none'],
    request: ({ world, who }) => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      caller: { headers: {} },
      payload:
        who === 'anonymous'
          ? { email: 'nobody@example.test', password: 'wrong password' }
          : { email: world.users[who].email, password: testPassword },
    }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
    refusalsAreRecorded: true,
  },
  {
    route: 'POST /api/v1/auth/logout',
    targets: ['none'],
    // a session of its own, so the shared ones stay signed in
    request: async ({ app, world, who, caller }) => ({
      method: 'POST',
      url: '/api/v1/auth/logout',
      caller:
        who === 'anonymous'
          ? caller
          : caller.headers.authorization
            ? caller
            : await signIn(app, world.users[who].email),
    }),
    expect: all(204),
  },

  // the caller's own profile
  {
    route: 'GET /api/v1/me',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me' }),
    expect: signedIn(200),
  },
  {
    route: 'PATCH /api/v1/me',
    targets: ['none'],
    request: () => ({ method: 'PATCH', url: '/api/v1/me', payload: { timeZone: 'Europe/Paris' } }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/me/password',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: testPassword },
    }),
    expect: signedIn(204),
    sessionOnly: true,
    // a changed password revokes the user's API tokens: the world's token of this user is issued again
    after: async ({ app, world, who, caller, session }) => {
      if (who !== 'anonymous' && !caller.headers.authorization) world.tokens[who] = await bearerFor(app, session);
    },
  },

  // account
  {
    route: 'GET /api/v1/accounts/current',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/accounts/current' }),
    expect: signedIn(200),
  },
  {
    route: 'PATCH /api/v1/accounts/current',
    targets: ['none'],
    request: ({ world }) => ({
      method: 'PATCH',
      url: '/api/v1/accounts/current',
      payload: { name: `Alpha ${world.accountA.id.slice(0, 4)}` },
    }),
    expect: adminOnly(200),
  },

  // API tokens: a user's own only
  {
    route: 'GET /api/v1/api-tokens',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/api-tokens' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/api-tokens',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'matrix' } }),
    expect: signedIn(201),
    sessionOnly: true,
  },
  {
    route: 'DELETE /api/v1/api-tokens/:id',
    targets: objectTargets,
    request: async ({ app, world, who, session, target }) => {
      const owners: Record<Exclude<Target, 'none' | 'missing'>, () => Promise<Caller>> = {
        own: async () => (who === 'anonymous' ? world.sessions.administrator : session),
        otherCompany: () => signIn(app, world.users.colleague.email),
        otherAccount: () => signIn(app, world.users.otherAccountAdmin.email),
      };
      const id = target === 'missing' ? missingId : await tokenIdOf(app, await owners[target as keyof typeof owners]());
      return { method: 'DELETE', url: `/api/v1/api-tokens/${id}` };
    },
    expect: {
      anonymous: 401,
      administrator: ownObjectOnly(204),
      technician: ownObjectOnly(204),
      viewer: ownObjectOnly(204),
    },
  },

  // audit log
  {
    route: 'GET /api/v1/audit-events',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/audit-events' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'GET /api/v1/audit-events/export.csv',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/audit-events/export.csv' }),
    expect: adminOnly(200),
  },
];

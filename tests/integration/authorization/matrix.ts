import type { InjectOptions } from 'fastify';
import type { App } from '../../../src/server/platform/http/types.js';
import { testPassword } from '../../support/factories.js';
import { bearerFor, call, signIn, type Caller } from '../../support/test-app.js';
import type { Who, World } from '../../support/world.js';

/**
 * The object a request aims at: `none` for routes without one; otherwise the caller's own,
 * one of another company of the same account (or another user's), one of another account,
 * or one that does not exist.
 */
export type Target = 'none' | 'own' | 'otherCompany' | 'otherAccount' | 'missing';
export const objectTargets: readonly Target[] = ['own', 'otherCompany', 'otherAccount', 'missing'];

export interface CaseContext {
  app: App;
  world: World;
  who: Who;
  caller: Caller;
  target: Target;
}

export interface MatrixRow {
  /** `METHOD /registered/url/:param`, exactly as registered */
  route: string;
  targets: readonly Target[];
  /** builds the request; may create what it needs first, or replace the caller */
  request(ctx: CaseContext): Promise<InjectOptions & { caller?: Caller }> | (InjectOptions & { caller?: Caller });
  /** expected status per caller, or per caller and target */
  expect: Record<Who, number | Partial<Record<Target, number>>>;
  /** refused attempts of this route are audited by design (failed sign-ins) */
  refusalsAreRecorded?: boolean;
}

const missingId = '00000000-0000-4000-8000-000000000000';
const all = (status: number) => ({ anonymous: status, administrator: status, technician: status, viewer: status });
const signedIn = (status: number) => ({ anonymous: 401, administrator: status, technician: status, viewer: status });
const adminOnly = (status: number) => ({ anonymous: 401, administrator: status, technician: 403, viewer: 403 });
const ownObjectOnly = (status: number) => ({ own: status, otherCompany: 404, otherAccount: 404, missing: 404 });

async function tokenIdOf(app: App, caller: Caller): Promise<string> {
  const res = await call(app, caller, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'to revoke' } });
  return res.json().id;
}

export const matrix: MatrixRow[] = [
  // operations and documentation
  { route: 'GET /healthz', targets: ['none'], request: () => ({ method: 'GET', url: '/healthz' }), expect: all(200) },
  { route: 'GET /metrics', targets: ['none'], request: () => ({ method: 'GET', url: '/metrics' }), expect: all(200) },
  { route: 'GET /api/openapi.json', targets: ['none'], request: () => ({ method: 'GET', url: '/api/openapi.json' }), expect: all(200) },

  // setup: closed once an account exists, whoever asks
  { route: 'GET /api/v1/setup', targets: ['none'], request: () => ({ method: 'GET', url: '/api/v1/setup' }), expect: all(200) },
  {
    route: 'POST /api/v1/setup',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/setup', payload: { token: 'x', accountName: 'Evil', name: 'Eve', email: 'eve@example.test', password: 'a long password here' } }),
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
      payload: who === 'anonymous' ? { email: 'nobody@example.test', password: 'wrong password' } : { email: world.users[who].email, password: testPassword },
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
      caller: who === 'anonymous' ? caller : caller.headers.authorization ? caller : await signIn(app, world.users[who].email),
    }),
    expect: all(204),
  },

  // the caller's own profile
  { route: 'GET /api/v1/me', targets: ['none'], request: () => ({ method: 'GET', url: '/api/v1/me' }), expect: signedIn(200) },
  { route: 'PATCH /api/v1/me', targets: ['none'], request: () => ({ method: 'PATCH', url: '/api/v1/me', payload: { timeZone: 'Europe/Paris' } }), expect: signedIn(200) },
  {
    route: 'POST /api/v1/me/password',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: testPassword, newPassword: testPassword } }),
    expect: signedIn(204),
  },

  // account
  { route: 'GET /api/v1/accounts/current', targets: ['none'], request: () => ({ method: 'GET', url: '/api/v1/accounts/current' }), expect: signedIn(200) },
  {
    route: 'PATCH /api/v1/accounts/current',
    targets: ['none'],
    request: ({ world }) => ({ method: 'PATCH', url: '/api/v1/accounts/current', payload: { name: `Alpha ${world.accountA.id.slice(0, 4)}` } }),
    expect: adminOnly(200),
  },

  // API tokens: a user's own only
  { route: 'GET /api/v1/api-tokens', targets: ['none'], request: () => ({ method: 'GET', url: '/api/v1/api-tokens' }), expect: signedIn(200) },
  { route: 'POST /api/v1/api-tokens', targets: ['none'], request: () => ({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'matrix' } }), expect: signedIn(201) },
  {
    route: 'DELETE /api/v1/api-tokens/:id',
    targets: objectTargets,
    request: async ({ app, world, who, caller, target }) => {
      const owners: Record<Exclude<Target, 'none' | 'missing'>, () => Promise<Caller>> = {
        own: async () => (who === 'anonymous' ? world.sessions.administrator : caller),
        otherCompany: () => signIn(app, world.users.colleague.email),
        otherAccount: () => signIn(app, world.users.otherAccountAdmin.email),
      };
      const id = target === 'missing' ? missingId : await tokenIdOf(app, await owners[target as keyof typeof owners]());
      return { method: 'DELETE', url: `/api/v1/api-tokens/${id}` };
    },
    expect: { anonymous: 401, administrator: ownObjectOnly(204), technician: ownObjectOnly(204), viewer: ownObjectOnly(204) },
  },

  // audit log
  {
    route: 'GET /api/v1/audit-events',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/audit-events' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  { route: 'GET /api/v1/audit-events/export.csv', targets: ['none'], request: () => ({ method: 'GET', url: '/api/v1/audit-events/export.csv' }), expect: adminOnly(200) },
];

/** Plugin routes (API documentation, console files): public, answered the same to everyone. */
export function pluginRequest(url: string): string {
  return url.replace('/*', '/index.html').replace(/^\/\*$/, '/');
}

export { bearerFor };

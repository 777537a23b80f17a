import type { Caller } from '../../../support/test-app.js';
import { signIn } from '../../../support/test-app.js';
import { call } from '../../../support/test-app.js';
import type { App } from '../../../../src/server/platform/http/types.js';
import {
  adminOnly,
  all,
  missingId,
  objectTargets,
  type CaseContext,
  type MatrixRow,
  type Target,
} from '../matrix-kit.js';

async function scimTokenIdOf(app: App, admin: Caller): Promise<string> {
  const res = await call(app, admin, { method: 'POST', url: '/api/v1/scim-tokens', payload: { name: 'to revoke' } });
  return res.json().id;
}

/** A SCIM token to revoke: the account's (tokens belong to the account, not to a company or a user), another account's, or none. */
async function tokenTarget({ app, world, target }: CaseContext): Promise<string> {
  const owners: Record<Exclude<Target, 'none' | 'missing'>, () => Promise<Caller>> = {
    own: async () => world.sessions.administrator,
    otherCompany: async () => world.sessions.administrator,
    otherAccount: () => signIn(app, world.users.otherAccountAdmin.email),
  };
  return target === 'missing' ? missingId : scimTokenIdOf(app, await owners[target as keyof typeof owners]());
}

const scimUser = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'matrix@example.test' };
const patch = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', value: { active: false } }],
};

/**
 * `/scim/v2/*` answers a SCIM token only: every caller of the matrix (a session, an API token, nobody) is
 * refused 401 in the SCIM error schema. What a SCIM token may reach (its own account's users and groups, 404
 * for another account's) is tests/integration/scim.test.ts's.
 */
const scimRoutes: [string, string, unknown?][] = [
  ['GET', '/scim/v2/ServiceProviderConfig'],
  ['GET', '/scim/v2/Schemas'],
  ['GET', '/scim/v2/Schemas/:id'],
  ['GET', '/scim/v2/ResourceTypes'],
  ['GET', '/scim/v2/ResourceTypes/:id'],
  ['GET', '/scim/v2/Users'],
  ['POST', '/scim/v2/Users', scimUser],
  ['GET', '/scim/v2/Users/:id'],
  ['PUT', '/scim/v2/Users/:id', scimUser],
  ['PATCH', '/scim/v2/Users/:id', patch],
  ['DELETE', '/scim/v2/Users/:id'],
  ['GET', '/scim/v2/Groups'],
  ['POST', '/scim/v2/Groups', { displayName: 'Matrix' }],
  ['GET', '/scim/v2/Groups/:id'],
  ['PUT', '/scim/v2/Groups/:id', { displayName: 'Matrix' }],
  ['PATCH', '/scim/v2/Groups/:id', patch],
  ['DELETE', '/scim/v2/Groups/:id'],
];

export const scimRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/scim-tokens',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/scim-tokens' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/scim-tokens',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/scim-tokens', payload: { name: 'matrix' } }),
    expect: adminOnly(201),
    sessionOnly: true,
  },
  {
    route: 'DELETE /api/v1/scim-tokens/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/scim-tokens/${await tokenTarget(ctx)}` }),
    expect: {
      anonymous: 401,
      administrator: { own: 204, otherCompany: 204, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
  ...scimRoutes.map(([method, url, payload]): MatrixRow => ({
    route: `${method} ${url}`,
    targets: ['none'],
    request: () => ({
      method: method as 'GET',
      url: url.replace(':id', missingId),
      ...(payload === undefined ? {} : { payload: payload as object }),
    }),
    expect: all(401),
    errorShape: 'scim',
  })),
];

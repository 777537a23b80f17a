import { randomBytes } from 'node:crypto';
import type { App } from '../../../../src/server/platform/http/types.js';
import { call } from '../../../support/test-app.js';
import { type World } from '../../../support/builders/index.js';
import {
  adminOnly,
  missingId,
  objectTargets,
  signedIn,
  type CaseContext,
  type MatrixRow,
  type Target,
} from '../matrix-kit.js';

/**
 * The company a case aims at: the technician's and viewer's own (the first of account A), the
 * second of account A (outside their access), one of account B, or none.
 */
function companyOf(world: World, target: Target): string {
  switch (target) {
    case 'own':
      return world.accountA.companyIds[0];
    case 'otherCompany':
      return world.accountA.companyIds[1];
    case 'otherAccount':
      return world.accountB.companyIds[0];
    default:
      return missingId;
  }
}

/** A new company of account A, for the administrator's successful destructive cases. */
async function freshCompany(app: App, world: World): Promise<{ id: string; name: string }> {
  const res = await call(app, world.tokens.administrator, {
    method: 'POST',
    url: '/api/v1/companies',
    payload: { name: `Matrix ${randomBytes(4).toString('hex')}` },
  });
  if (res.statusCode !== 201) throw new Error(`could not create a company: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The administrator's own and other-company cases change a fresh company, so the shared world stays as it is. */
async function targetFor({ app, world, who, target }: CaseContext): Promise<string> {
  if (who === 'administrator' && (target === 'own' || target === 'otherCompany'))
    return (await freshCompany(app, world)).id;
  return companyOf(world, target);
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17, 1),
]);

/** Reads: administrators see all of their account's companies; the others only their own. */
const visibleRead = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
});

/** Writes: administrators only; others get 403 on a company they see, 404 on any other. */
const adminWrite = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
});

/** Companies: list, details, branding, user access, data key, inventory, delete; the switcher and the label. */
export const companyRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/companies',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/companies' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/companies/choices',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/companies/choices' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/companies',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: `Matrix new ${randomBytes(4).toString('hex')}` },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/companies/:id',
    targets: objectTargets,
    request: ({ world, target }) => ({ method: 'GET', url: `/api/v1/companies/${companyOf(world, target)}` }),
    expect: visibleRead(200),
  },
  {
    route: 'PATCH /api/v1/companies/:id',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/companies/${companyOf(world, target)}`,
      payload: { color: '#336699' },
    }),
    expect: adminWrite(200),
  },
  {
    route: 'DELETE /api/v1/companies/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/companies/${await targetFor(ctx)}` }),
    expect: adminWrite(204),
  },
  {
    route: 'POST /api/v1/companies/:id/data-key/rotate',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/companies/${await targetFor(ctx)}/data-key/rotate` }),
    expect: adminWrite(200),
  },
  {
    route: 'GET /api/v1/companies/:id/agent-downloads',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/companies/${await targetFor(ctx)}/agent-downloads` }),
    expect: adminWrite(200),
  },
  {
    route: 'GET /api/v1/companies/:id/agent-downloads/:file',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/companies/${await targetFor(ctx)}/agent-downloads/tandem-agent_1.0.0_amd64.deb`,
    }),
    expect: adminWrite(200),
  },
  {
    route: 'POST /api/v1/companies/:id/move-devices/preview',
    targets: objectTargets,
    request: async (ctx) => {
      const source = await targetFor(ctx);
      const destination =
        ctx.who === 'administrator' ? (await freshCompany(ctx.app, ctx.world)).id : ctx.world.accountA.companyIds[1];
      return {
        method: 'POST',
        url: `/api/v1/companies/${source}/move-devices/preview`,
        payload: { targetCompanyId: destination },
      };
    },
    expect: adminWrite(200),
  },
  {
    route: 'POST /api/v1/companies/:id/move-devices',
    targets: objectTargets,
    request: async (ctx) => {
      const source = await targetFor(ctx);
      const destination =
        ctx.who === 'administrator' ? (await freshCompany(ctx.app, ctx.world)).id : ctx.world.accountA.companyIds[1];
      return {
        method: 'POST',
        url: `/api/v1/companies/${source}/move-devices`,
        payload: { targetCompanyId: destination },
      };
    },
    expect: adminWrite(200),
  },
  {
    route: 'POST /api/v1/companies/:id/clear-inventory',
    targets: objectTargets,
    request: async (ctx) => {
      const fresh =
        ctx.who === 'administrator' && (ctx.target === 'own' || ctx.target === 'otherCompany')
          ? await freshCompany(ctx.app, ctx.world)
          : null;
      const id = fresh?.id ?? companyOf(ctx.world, ctx.target);
      return {
        method: 'POST',
        url: `/api/v1/companies/${id}/clear-inventory`,
        payload: { confirmName: fresh?.name ?? `Alpha` },
      };
    },
    expect: adminWrite(200),
  },
  {
    route: 'GET /api/v1/companies/:id/users',
    targets: objectTargets,
    request: ({ world, target }) => ({ method: 'GET', url: `/api/v1/companies/${companyOf(world, target)}/users` }),
    expect: visibleRead(200),
  },
  {
    route: 'PUT /api/v1/companies/:id/users/:userId',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/companies/${await targetFor(ctx)}/users/${ctx.world.users.colleague.id}`,
    }),
    expect: adminWrite(204),
  },
  {
    route: 'DELETE /api/v1/companies/:id/users/:userId',
    targets: objectTargets,
    request: async (ctx) => {
      const id = await targetFor(ctx);
      const userId = ctx.world.users.colleague.id;
      if (ctx.who === 'administrator')
        await call(ctx.app, ctx.world.tokens.administrator, {
          method: 'PUT',
          url: `/api/v1/companies/${id}/users/${userId}`,
        });
      return { method: 'DELETE', url: `/api/v1/companies/${id}/users/${userId}` };
    },
    expect: adminWrite(204),
  },
  {
    route: 'GET /api/v1/companies/:id/logo',
    targets: objectTargets,
    request: async ({ app, world, target }) => {
      const id = companyOf(world, target);
      if (target === 'own' || target === 'otherCompany') {
        await call(app, world.tokens.administrator, {
          method: 'PUT',
          url: `/api/v1/companies/${id}/logo`,
          payload: png,
          headers: { 'content-type': 'image/png' },
        });
      }
      return { method: 'GET', url: `/api/v1/companies/${id}/logo` };
    },
    expect: visibleRead(200),
  },
  {
    route: 'PUT /api/v1/companies/:id/logo',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/companies/${await targetFor(ctx)}/logo`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    }),
    expect: adminWrite(200),
  },
  {
    route: 'DELETE /api/v1/companies/:id/logo',
    targets: objectTargets,
    request: async ({ app, world, who, target }) => {
      const id = companyOf(world, target);
      // the others' refusals must leave an existing logo in place
      if (who !== 'administrator' && (target === 'own' || target === 'otherCompany')) {
        await call(app, world.tokens.administrator, {
          method: 'PUT',
          url: `/api/v1/companies/${id}/logo`,
          payload: png,
          headers: { 'content-type': 'image/png' },
        });
      }
      return { method: 'DELETE', url: `/api/v1/companies/${id}/logo` };
    },
    expect: adminWrite(204),
  },

  // the company switcher's remembered choice
  {
    route: 'GET /api/v1/me/company-filter',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me/company-filter' }),
    expect: signedIn(200),
  },
  {
    route: 'PUT /api/v1/me/company-filter',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'PUT',
      url: '/api/v1/me/company-filter',
      payload: { companyId: companyOf(world, target) },
    }),
    expect: visibleRead(200),
  },

  // general.companyLabel
  {
    route: 'PUT /api/v1/accounts/current/company-label',
    targets: ['none'],
    request: () => ({ method: 'PUT', url: '/api/v1/accounts/current/company-label', payload: { companyLabel: null } }),
    expect: adminOnly(200),
  },
];

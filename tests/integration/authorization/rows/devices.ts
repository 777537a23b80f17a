import type { Db } from '../../../../src/server/platform/db/pool.js';
import { type World, aDevice } from '../../../support/builders/index.js';
import { dataKeyOf, deviceHeaders, sampleInventory } from '../../devices-support.js';
import { missingId, objectTargets, signedIn, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';

/** The company of a target: the technician's and viewer's own, another of account A, one of account B. */
function companyOf(world: World, target: Target): { accountId: string; companyId: string } | null {
  if (target === 'own') return { accountId: world.accountA.id, companyId: world.accountA.companyIds[0] };
  if (target === 'otherCompany') return { accountId: world.accountA.id, companyId: world.accountA.companyIds[1] };
  if (target === 'otherAccount') return { accountId: world.accountB.id, companyId: world.accountB.companyIds[0] };
  return null;
}

const shared = new Map<string, Promise<string>>();

/** One device per company, shared by the cases that only read it. */
function sharedDevice(db: Db, world: World, target: Target): Promise<string> | string {
  const where = companyOf(world, target);
  if (!where) return missingId;
  let found = shared.get(where.companyId);
  if (!found) shared.set(where.companyId, (found = aDevice(db, where.accountId, where.companyId).then((d) => d.id)));
  return found;
}

/** The administrator's successful writes change a device of their own, so the shared ones stay as they are. */
async function deviceFor({ db, world, who, target }: CaseContext): Promise<string> {
  const where = companyOf(world, target);
  if (who === 'administrator' && where && where.accountId === world.accountA.id)
    return (await aDevice(db, where.accountId, where.companyId)).id;
  return sharedDevice(db, world, target);
}

const visibleRead = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
});

/**
 * Agent routes know a device by its credential, never a user. `own`: the device's valid
 * credential; `otherCompany`: a revoked device's; `otherAccount`: a user's API token, not a
 * device credential; `missing`: a credential no device has. Anonymous sends none.
 */
async function agentCaller(ctx: CaseContext): Promise<Record<string, string>> {
  const { db, world, target } = ctx;
  if (ctx.who === 'anonymous') return {};
  if (target === 'own') return (await aDevice(db, world.accountA.id, world.accountA.companyIds[0])).headers;
  if (target === 'otherCompany')
    return (await aDevice(db, world.accountA.id, world.accountA.companyIds[0], { revoked: true })).headers;
  if (target === 'otherAccount') return world.tokens.administrator.headers;
  return deviceHeaders('tdc_thisCredentialBelongsToNoDeviceAtAll');
}
const agentExpect = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 401, otherAccount: 401, missing: 401 },
  technician: { own: 200, otherCompany: 401, otherAccount: 401, missing: 401 },
  viewer: { own: 200, otherCompany: 401, otherAccount: 401, missing: 401 },
};

const moveRequest = (path: string) => async (ctx: CaseContext) => {
  const deviceId = await deviceFor(ctx);
  return {
    method: 'POST' as const,
    url: path,
    payload: {
      deviceIds: [deviceId],
      targetCompanyId: ctx.world.accountA.companyIds[ctx.target === 'otherCompany' ? 0 : 1],
    },
  };
};
const moveExpect = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: 403,
  viewer: 403,
};

/** Devices: the inventory, one device, notes and tags, revocation, moves; and what the agent calls. */
export const deviceRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/devices',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/devices' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/devices/count',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/devices/count' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/devices/export.csv',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/devices/export.csv' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/devices/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/devices/${await sharedDevice(ctx.db, ctx.world, ctx.target)}`,
    }),
    expect: visibleRead(200),
  },
  {
    route: 'PATCH /api/v1/devices/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/devices/${await deviceFor(ctx)}`,
      payload: { notes: `note by ${ctx.who}`, tags: ['matrix'] },
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'POST /api/v1/devices/:id/revoke',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/devices/${await deviceFor(ctx)}/revoke` }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'POST /api/v1/devices/move/preview',
    targets: objectTargets,
    request: moveRequest('/api/v1/devices/move/preview'),
    expect: moveExpect,
  },
  {
    route: 'POST /api/v1/devices/move',
    targets: objectTargets,
    request: moveRequest('/api/v1/devices/move'),
    expect: moveExpect,
  },
  {
    route: 'POST /api/agent/enroll',
    targets: ['none'],
    request: async ({ db, world, who }) => ({
      method: 'POST',
      url: '/api/agent/enroll',
      caller: { headers: {} },
      // a user's session or token changes nothing: the data key is the proof; anonymous sends a wrong one
      payload: {
        dataKey: who === 'anonymous' ? 'tdk_wrong' : await dataKeyOf(db, world.accountA.companyIds[1]),
        inventory: sampleInventory(),
      },
    }),
    expect: { anonymous: 401, administrator: 201, technician: 201, viewer: 201 },
  },
  {
    route: 'GET /api/agent/download/:file',
    targets: ['none'],
    request: async ({ db, world, who }) => ({
      method: 'GET',
      url: '/api/agent/download/tandem-agent_1.0.0_amd64.deb',
      // the data key is the proof, as for enrolment; anonymous sends a wrong one
      caller: {
        headers: {
          'x-tandem-data-key': who === 'anonymous' ? 'tdk_wrong' : await dataKeyOf(db, world.accountA.companyIds[1]),
        },
      },
    }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'POST /api/agent/heartbeat',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'POST',
      url: '/api/agent/heartbeat',
      caller: { headers: await agentCaller(ctx) },
    }),
    expect: agentExpect,
  },
  {
    route: 'PUT /api/agent/inventory',
    targets: objectTargets,
    request: async (ctx) => ({
      method: 'PUT',
      url: '/api/agent/inventory',
      caller: { headers: await agentCaller(ctx) },
      payload: sampleInventory(),
    }),
    expect: agentExpect,
  },
];

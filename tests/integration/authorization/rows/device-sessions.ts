import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { agentConnections } from '../../../../src/server/modules/remote/tables.js';
import { supportSessions } from '../../../../src/server/modules/sessions/tables.js';
import { aDevice, aSupportSession, endOpenSessionsOf, type World } from '../../../support/builders/index.js';
import { deviceHeaders } from '../../devices-support.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf } from './portals.js';
import { accountOf, ensureSeats } from './session-portal.js';

type Device = Awaited<ReturnType<typeof aDevice>>;
const shared = new Map<string, Promise<Device>>();

/**
 * One device per company and use, shared by every case (the licence's device limit is not what the
 * matrix tests): its agent holds its control socket (as a hello writes it), and the session a case
 * left open on it is ended first, since a device serves one session at a time.
 */
async function aFreeDevice(db: Db, world: World, target: Target, use = 'sessions'): Promise<Device> {
  const companyId = companyOf(world, target);
  let found = shared.get(`${use}:${companyId}`);
  if (!found) {
    found = aDevice(db, accountOf(world, target).id, companyId).then(async (device) => {
      await db.insert(agentConnections).values({ deviceId: device.id, connectionId: 'matrix', processId: 'matrix' });
      return device;
    });
    shared.set(`${use}:${companyId}`, found);
  }
  const device = await found;
  await db
    .update(supportSessions)
    .set({ status: 'ended', outcome: 'unknown', endedAt: new Date() })
    .where(
      and(eq(supportSessions.deviceId, device.id), inArray(supportSessions.status, ['waiting', 'joined', 'active'])),
    );
  return device;
}

/** An active control session on a device of the target's company, held by `technicianId`. */
export async function anActiveDeviceSession(db: Db, world: World, target: Target, technicianId: string) {
  const device = await aFreeDevice(db, world, target, 'actions');
  const session = await aSupportSession(db, {
    accountId: accountOf(world, target).id,
    companyId: companyOf(world, target),
    technicianId,
    kind: 'device',
    deviceId: device.id,
    mode: 'control',
    status: 'active',
  });
  return { id: session.id, device };
}

/** Who holds the session the caller acts on: the caller (another account's administrator there). */
export const holderOf = ({ world, who, target }: CaseContext) =>
  target === 'otherAccount'
    ? world.users.otherAccountAdmin.id
    : who === 'anonymous'
      ? world.users.technician.id
      : world.users[who].id;

/** Device sessions: what applies to a device, opening one, the technician's actions, the agent's ICE servers and control socket. */
export const deviceSessionRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/devices/:id/remote',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/devices/${target === 'missing' ? missingId : (await aFreeDevice(db, world, target)).id}/remote`,
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'POST /api/v1/devices/:id/sessions',
    targets: objectTargets,
    request: async ({ app, db, world, target }) => {
      await ensureSeats(app, world);
      // the per-technician limit of open sessions is not what the matrix tests
      for (const user of [world.users.administrator, world.users.technician]) await endOpenSessionsOf(db, user.id);
      const id = target === 'missing' ? missingId : (await aFreeDevice(db, world, target)).id;
      return { method: 'POST', url: `/api/v1/devices/${id}/sessions`, payload: { mode: 'view' } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 201, otherCompany: 201, otherAccount: 404, missing: 404 },
      technician: { own: 201, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
  {
    route: 'POST /api/v1/sessions/:id/actions',
    targets: objectTargets,
    request: async (ctx) => {
      await ensureSeats(ctx.app, ctx.world);
      const id =
        ctx.target === 'missing'
          ? missingId
          : (await anActiveDeviceSession(ctx.db, ctx.world, ctx.target, holderOf(ctx))).id;
      return { method: 'POST', url: `/api/v1/sessions/${id}/actions`, payload: { action: 'reboot' } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
  {
    // a terminal on the device: as control (a viewer and another company's technician refused)
    route: 'POST /api/v1/sessions/:id/actions',
    targets: objectTargets,
    request: async (ctx) => {
      await ensureSeats(ctx.app, ctx.world);
      const id =
        ctx.target === 'missing'
          ? missingId
          : (await anActiveDeviceSession(ctx.db, ctx.world, ctx.target, holderOf(ctx))).id;
      return { method: 'POST', url: `/api/v1/sessions/${id}/actions`, payload: { action: 'terminal_open' } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
  {
    // the device's credential, never a user: `own` its active session; `otherCompany` another device's
    // credential; `otherAccount` a user's API token; `missing` no such session
    route: 'GET /api/agent/sessions/:id/ice-servers',
    targets: objectTargets,
    request: async ({ db, world, who, target }) => {
      const s = await anActiveDeviceSession(db, world, 'own', world.users.technician.id);
      const other = await aFreeDevice(db, world, 'own', 'live');
      const headers =
        who === 'anonymous'
          ? {}
          : target === 'otherCompany'
            ? other.headers
            : target === 'otherAccount'
              ? world.tokens.administrator.headers
              : s.device.headers;
      const id = target === 'missing' ? missingId : s.id;
      return { method: 'GET', url: `/api/agent/sessions/${id}/ice-servers`, caller: { headers } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
    },
  },
  {
    // `own` a device's credential (a plain GET answers 426); `otherCompany` a revoked device's;
    // `otherAccount` a user's API token; `missing` a credential no device has
    route: 'GET /api/agent/live',
    targets: objectTargets,
    request: async ({ db, world, who, target }) => {
      const a = world.accountA;
      const headers =
        who === 'anonymous'
          ? {}
          : target === 'own'
            ? (await aFreeDevice(db, world, 'own', 'live')).headers
            : target === 'otherCompany'
              ? (await aDevice(db, a.id, a.companyIds[0]!, { revoked: true })).headers
              : target === 'otherAccount'
                ? world.tokens.administrator.headers
                : deviceHeaders('tdc_thisCredentialBelongsToNoDeviceAtAll');
      return { method: 'GET', url: '/api/agent/live', caller: { headers } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 426, otherCompany: 401, otherAccount: 401, missing: 401 },
      technician: { own: 426, otherCompany: 401, otherAccount: 401, missing: 401 },
      viewer: { own: 426, otherCompany: 401, otherAccount: 401, missing: 401 },
    },
  },
];

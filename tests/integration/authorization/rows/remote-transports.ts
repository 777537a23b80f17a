import { aDevice } from '../../../support/builders/index.js';
import { missingId, objectTargets, type MatrixRow } from '../matrix-kit.js';
import { anActiveDeviceSession, holderOf } from './device-sessions.js';
import { ensureSeats } from './session-portal.js';

let otherDevice: ReturnType<typeof aDevice> | undefined;

/**
 * The device's sockets know a device by its credential, never a user. `own`: the session's device;
 * `otherCompany`: another device of the same company (its session is not that device's);
 * `otherAccount`: a user's API token, not a device credential; `missing`: no such session.
 * A plain GET (what the matrix sends) that passes answers 426.
 */
const agentSocketRow = (suffix: string): MatrixRow => ({
  route: `GET /api/agent/sessions/:id/${suffix.replace(/\/[^/]+$/, '/:relayId')}`,
  targets: objectTargets,
  request: async (ctx) => {
    const { db, world, target, who } = ctx;
    const s = await anActiveDeviceSession(db, world, 'own', world.users.technician.id);
    // one other device for every case (the licence's device limit is not what the matrix tests)
    otherDevice ??= aDevice(db, world.accountA.id, world.accountA.companyIds[0]!);
    const other = await otherDevice;
    const headers =
      who === 'anonymous'
        ? {}
        : target === 'otherCompany'
          ? other.headers
          : target === 'otherAccount'
            ? world.tokens.administrator.headers
            : s.device.headers;
    const id = target === 'missing' ? missingId : s.id;
    return { method: 'GET', url: `/api/agent/sessions/${id}/${suffix}`, caller: { headers } };
  },
  expect: {
    anonymous: 401,
    administrator: { own: 426, otherCompany: 404, otherAccount: 401, missing: 404 },
    technician: { own: 426, otherCompany: 404, otherAccount: 401, missing: 404 },
    viewer: { own: 426, otherCompany: 404, otherAccount: 401, missing: 404 },
  },
});

/** How a device session's frames travel: the agent's session socket, its relay side, the console's relay. */
export const remoteTransportRows: MatrixRow[] = [
  agentSocketRow('socket'),
  agentSocketRow(`relay/${missingId}`),
  {
    route: 'GET /api/v1/sessions/:id/relay',
    targets: objectTargets,
    request: async (ctx) => {
      const { app, world, target } = ctx;
      await ensureSeats(app, world);
      if (target === 'missing') return { method: 'GET', url: `/api/v1/sessions/${missingId}/relay?peer=p` };
      // the caller's own session (another account's: its administrator's)
      const s = await anActiveDeviceSession(ctx.db, world, target, holderOf(ctx));
      return { method: 'GET', url: `/api/v1/sessions/${s.id}/relay?peer=p` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 426, otherCompany: 426, otherAccount: 404, missing: 404 },
      technician: { own: 426, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: 403,
    },
  },
];

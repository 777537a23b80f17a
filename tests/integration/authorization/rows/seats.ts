import type { App } from '../../../../src/server/platform/http/types.js';
import { call, signIn, type Caller } from '../../../support/test-app.js';
import { type World } from '../../../support/builders/index.js';
import { adminOnly, missingId, objectTargets, signedIn, type MatrixRow, type Target } from '../matrix-kit.js';

const assignments = '/api/v1/seats/remoteSupport/assignments';

/** The user a request aims at: a technician of the caller's company, the colleague of the other company, another tenant's administrator, or nobody. */
function userOf(world: World, target: Target): string {
  if (target === 'own') return world.users.technician.id;
  if (target === 'otherCompany') return world.users.colleague.id;
  if (target === 'otherAccount') return world.users.otherAccountAdmin.id;
  return missingId;
}

let bravoAdmin: Caller | undefined;

/**
 * Makes sure the target holds a Remote Support seat in their own account, so a refused release
 * has something to refuse. Done with the administrator's token: the world's sessions do not
 * survive the password-change row of the token pass.
 */
async function giveSeat(app: App, world: World, target: Target): Promise<void> {
  if (target === 'missing') return;
  const by =
    target === 'otherAccount'
      ? (bravoAdmin ??= await signIn(app, world.users.otherAccountAdmin.email))
      : world.tokens.administrator;
  const res = await call(app, by, { method: 'POST', url: assignments, payload: { userId: userOf(world, target) } });
  if (res.statusCode !== 201 && res.statusCode !== 200)
    throw new Error(`could not assign a seat: ${res.statusCode} ${res.body}`);
}

/** Seats & devices: the licence and seat assignments. */
export const seatRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/seats',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/seats' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'PATCH /api/v1/seats',
    targets: ['none'],
    request: () => ({
      method: 'PATCH',
      url: '/api/v1/seats',
      // above every device the matrix's rows enrol in both passes (sessions, then API tokens)
      payload: { remoteSupportSeats: 6, serviceDeskSeats: 5, deviceLimit: 10_000 },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/v1/seats/candidates',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/seats/candidates?module=remoteSupport' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/seats/:module/assignments',
    targets: objectTargets,
    request: async ({ app, world, target }) => {
      // a seat not held yet, so that an allowed assignment creates one
      if (target === 'own' || target === 'otherCompany') {
        await call(app, world.tokens.administrator, {
          method: 'DELETE',
          url: `${assignments}/${userOf(world, target)}`,
        });
      }
      return { method: 'POST', url: assignments, payload: { userId: userOf(world, target) } };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 201, otherCompany: 201, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
  {
    route: 'DELETE /api/v1/seats/:module/assignments/:userId',
    targets: objectTargets,
    request: async ({ app, world, target }) => {
      await giveSeat(app, world, target);
      return { method: 'DELETE', url: `${assignments}/${userOf(world, target)}` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 204, otherCompany: 204, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
  {
    route: 'GET /api/v1/me/seats',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me/seats' }),
    expect: signedIn(200),
  },
];

import { call } from '../../../support/test-app.js';
import { type World, slugOf } from '../../../support/builders/index.js';
import { missingId, objectTargets, type MatrixRow, type Target } from '../matrix-kit.js';

/** The company a case aims at (the technician's and viewer's own is the first of account A). */
export function companyOf(world: World, target: Target): string {
  if (target === 'own') return world.accountA.companyIds[0]!;
  if (target === 'otherCompany') return world.accountA.companyIds[1]!;
  if (target === 'otherAccount') return world.accountB.companyIds[0]!;
  return missingId;
}

/** Public routes: the same answer whoever asks. */
export const publicly = (byTarget: Partial<Record<Target, number>>) => ({
  anonymous: byTarget,
  administrator: byTarget,
  technician: byTarget,
  viewer: byTarget,
});

const visibleRead = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
});

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17, 1),
]);

/** Customer portals: their configuration in the console, their public face. */
export const portalRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/portals',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/portals' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'GET /api/v1/companies/:id/portal',
    targets: objectTargets,
    request: ({ world, target }) => ({ method: 'GET', url: `/api/v1/companies/${companyOf(world, target)}/portal` }),
    expect: visibleRead(200),
  },
  {
    route: 'PATCH /api/v1/companies/:id/portal',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/companies/${companyOf(world, target)}/portal`,
      payload: { title: `Help ${Math.random()}` },
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'GET /api/portal/:slug',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/portal/${target === 'own' ? await slugOf(db, companyOf(world, 'own')) : 'no-such-portal'}`,
    }),
    expect: publicly({ own: 200, missing: 404 }),
  },
  {
    route: 'GET /api/portal/:slug/logo',
    targets: ['own', 'missing'],
    request: async ({ app, db, world, target }) => {
      if (target === 'missing') return { method: 'GET', url: '/api/portal/no-such-portal/logo' };
      const companyId = companyOf(world, 'own');
      await call(app, world.tokens.administrator, {
        method: 'PUT',
        url: `/api/v1/companies/${companyId}/logo`,
        payload: png,
        headers: { 'content-type': 'image/png' },
      });
      return { method: 'GET', url: `/api/portal/${await slugOf(db, companyId)}/logo` };
    },
    expect: publicly({ own: 200, missing: 404 }),
  },
];

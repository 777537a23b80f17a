import { all, missingId, type MatrixRow } from '../matrix-kit.js';
import { companyOf, publicly, slugOf } from './portals.js';

/** The customer portal's page and files: public, the same answer for everyone (tests use tests/support/portal-fixture); an unknown portal answers 404. */
export const portalPageRows: MatrixRow[] = [
  { route: 'GET /portal/_app/*', targets: ['none'], request: () => ({ method: 'GET', url: '/portal/_app/assets/portal-test.js' }), expect: all(200) },
  {
    route: 'GET /portal/:slug',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => ({ method: 'GET', url: `/portal/${target === 'own' ? await slugOf(db, companyOf(world, 'own')) : 'no-such-portal'}` }),
    expect: publicly({ own: 200, missing: 404 }),
  },
  {
    route: 'GET /portal/:slug/*',
    targets: ['own', 'missing'],
    request: async ({ db, world, target }) => ({ method: 'GET', url: `/portal/${target === 'own' ? await slugOf(db, companyOf(world, 'own')) : 'no-such-portal'}/requests/${missingId}` }),
    expect: publicly({ own: 200, missing: 404 }),
  },
];

import { all, missingId, type MatrixRow } from '../matrix-kit.js';
import { companyOf } from './portals.js';
import { slugOf } from '../../../support/builders/index.js';

/**
 * The customer portal's page and files: public, the same answer for everyone (tests use
 * tests/support/portal-fixture). An unknown or disabled portal answers a 404 HTML page, not a
 * JSON error: tests/integration/portal-page.test.ts checks it.
 */
export const portalPageRows: MatrixRow[] = [
  {
    route: 'GET /portal/_app/*',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/portal/_app/assets/portal-test.js' }),
    expect: all(200),
  },
  {
    route: 'GET /portal/:slug',
    targets: ['none'],
    request: async ({ db, world }) => ({ method: 'GET', url: `/portal/${await slugOf(db, companyOf(world, 'own'))}` }),
    expect: all(200),
  },
  {
    // the account's join page: customers with a session code and no portal address
    route: 'GET /join',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/join' }),
    expect: all(200),
  },
  {
    route: 'GET /portal/:slug/*',
    targets: ['none'],
    request: async ({ db, world }) => ({
      method: 'GET',
      url: `/portal/${await slugOf(db, companyOf(world, 'own'))}/requests/${missingId}`,
    }),
    expect: all(200),
  },
];

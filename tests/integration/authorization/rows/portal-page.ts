import { all, missingId, type MatrixRow } from '../matrix-kit.js';

/** The customer portal's page and files: public, the same answer for everyone (tests use tests/support/portal-fixture). */
export const portalPageRows: MatrixRow[] = [
  { route: 'GET /portal/_app/*', targets: ['none'], request: () => ({ method: 'GET', url: '/portal/_app/assets/portal-test.js' }), expect: all(200) },
  { route: 'GET /portal/:slug', targets: ['none'], request: () => ({ method: 'GET', url: '/portal/acme-support' }), expect: all(200) },
  { route: 'GET /portal/:slug/*', targets: ['none'], request: () => ({ method: 'GET', url: `/portal/acme-support/requests/${missingId}` }), expect: all(200) },
];

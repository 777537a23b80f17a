import { objectTargets, type MatrixRow } from '../matrix-kit.js';
import { companyOf } from './portals.js';

/** The operations dashboard: every role sees it over its own companies; a company outside them is 404. */
export const dashboardRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/dashboard',
    targets: ['none', ...objectTargets],
    request: ({ world, target }) => ({
      method: 'GET',
      url: `/api/v1/dashboard${target === 'none' ? '' : `?companyId=${companyOf(world, target)}`}`,
    }),
    expect: {
      anonymous: 401,
      administrator: { none: 200, own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { none: 200, own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { none: 200, own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
];

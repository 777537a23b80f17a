import { adminOnly, missingId, objectTargets, type CaseContext, type MatrixRow } from '../matrix-kit.js';

/** The company a target points at: the technician's and viewer's own company, another one, another account's. */
function companyOf({ world, target }: CaseContext): string {
  if (target === 'own') return world.accountA.companyIds[0];
  if (target === 'otherCompany') return world.accountA.companyIds[1];
  if (target === 'otherAccount') return world.accountB.companyIds[0];
  return missingId;
}

const companyRead = { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 };
const scopedRead = { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 };
const scopedWrite = { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 };

/** Settings: read by account managers (technicians read-only), written by administrators. */
export const settingRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/settings',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/settings' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'PATCH /api/v1/settings',
    targets: ['none'],
    request: () => ({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { values: { 'portal.waitTimeoutSeconds': 90 } },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/v1/settings/history',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/settings/history?key=general.language' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
  },
  {
    route: 'GET /api/v1/companies/:id/settings',
    targets: objectTargets,
    request: (ctx) => ({ method: 'GET', url: `/api/v1/companies/${companyOf(ctx)}/settings` }),
    expect: { anonymous: 401, administrator: companyRead, technician: scopedRead, viewer: scopedRead },
  },
  {
    route: 'PATCH /api/v1/companies/:id/settings',
    targets: objectTargets,
    request: (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/companies/${companyOf(ctx)}/settings`,
      payload: { values: { 'portal.waitTimeoutSeconds': 60 } },
    }),
    // visibility first: 403 only about a company the actor can see, 404 for every other (as documented)
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: scopedWrite,
      viewer: scopedWrite,
    },
  },
];

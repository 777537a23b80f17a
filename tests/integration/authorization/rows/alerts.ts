import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { maintenanceWindows } from '../../../../src/server/modules/alerts/tables.js';
import { findContactOfUser } from '../../../../src/server/modules/contacts/index.js';
import { anAlertRule, type World } from '../../../support/builders/index.js';
import { adminOnly, missingId, objectTargets, signedIn, type CaseContext, type MatrixRow } from '../matrix-kit.js';

/** A rule watching the caller's company, account A's other company only, or one of account B. */
async function ruleFor(db: Db, world: World, target: CaseContext['target']): Promise<string> {
  if (target === 'missing') return missingId;
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const companyId = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  const rule = await anAlertRule(db, account, {
    name: `Matrix ${randomBytes(3).toString('hex')}`,
    event: 'device_enrolled',
    companies: [companyId],
  });
  return rule.id;
}

/** A maintenance window of the caller's company, account A's other company, or one of account B (written as the service does). */
async function windowFor(db: Db, world: World, target: CaseContext['target']): Promise<string> {
  if (target === 'missing') return missingId;
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const companyId = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  const [row] = await db
    .insert(maintenanceWindows)
    .values({
      accountId: account.id,
      companyId,
      startsAt: new Date(Date.now() + 3_600_000),
      endsAt: new Date(Date.now() + 7_200_000),
      mode: 'hold',
      reason: 'Matrix',
    })
    .returning({ id: maintenanceWindows.id });
  return row!.id;
}

const onRule = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
});

/** Alert rules: administrators manage; technicians and viewers read those of their companies. */
export const alertRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/alert-rules',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/alert-rules' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/alert-rules',
    targets: ['none'],
    request: async ({ db, world }) => {
      const contact = await findContactOfUser(db, world.accountA.id, world.users.administrator.id);
      return {
        method: 'POST',
        url: '/api/v1/alert-rules',
        payload: {
          name: 'Matrix',
          event: 'device_offline',
          delayMinutes: 5,
          recipients: [{ contactId: contact!.id, methodTypes: ['email'] }],
        },
      };
    },
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/alert-rules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/alert-rules/${await ruleFor(db, world, target)}`,
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'PATCH /api/v1/alert-rules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/alert-rules/${await ruleFor(db, world, target)}`,
      payload: { enabled: false },
    }),
    expect: onRule(200),
  },
  {
    route: 'DELETE /api/v1/alert-rules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'DELETE',
      url: `/api/v1/alert-rules/${await ruleFor(db, world, target)}`,
    }),
    expect: onRule(204),
  },
  {
    route: 'POST /api/v1/alert-rules/:id/test',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'POST',
      url: `/api/v1/alert-rules/${await ruleFor(db, world, target)}/test`,
    }),
    expect: onRule(202),
  },
  {
    route: 'GET /api/v1/maintenance-windows',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/maintenance-windows' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/maintenance-windows',
    targets: ['none'],
    request: ({ world }) => ({
      method: 'POST',
      url: '/api/v1/maintenance-windows',
      payload: {
        companyId: world.accountA.companyIds[0],
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
        mode: 'drop',
        reason: 'Matrix',
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/maintenance-windows/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/maintenance-windows/${await windowFor(db, world, target)}`,
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'PATCH /api/v1/maintenance-windows/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/maintenance-windows/${await windowFor(db, world, target)}`,
      payload: { reason: 'Matrix, changed' },
    }),
    expect: onRule(200),
  },
  {
    route: 'DELETE /api/v1/maintenance-windows/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'DELETE',
      url: `/api/v1/maintenance-windows/${await windowFor(db, world, target)}`,
    }),
    expect: onRule(204),
  },
];

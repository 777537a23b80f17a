import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { insertContact } from '../../../../src/server/modules/contacts/index.js';
import {
  insertRun,
  insertSchedule,
  replaceScheduleCompanies,
  replaceScheduleRecipients,
} from '../../../../src/server/modules/reports/index.js';
import { type World } from '../../../support/builders/index.js';
import { adminOnly, missingId, objectTargets, type CaseContext, type MatrixRow } from '../matrix-kit.js';

async function contactIn(db: Db, accountId: string): Promise<string> {
  return (
    await insertContact(db, {
      accountId,
      name: `Reader ${randomBytes(3).toString('hex')}`,
      allCompanies: true,
      language: 'en',
      timeZone: 'UTC',
    })
  ).id;
}

/**
 * A schedule of the target: for the caller's company, for account A's other company only, or of
 * account B; with one run whose output covers that company.
 */
async function scheduleFor(
  db: Db,
  world: World,
  target: CaseContext['target'],
): Promise<{ scheduleId: string; runId: string }> {
  if (target === 'missing') return { scheduleId: missingId, runId: missingId };
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const companyId = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  const schedule = await insertSchedule(db, {
    accountId: account.id,
    ownerId: account.admin.id,
    name: `Matrix ${randomBytes(3).toString('hex')}`,
    kind: 'device_inventory',
    allCompanies: false,
    frequency: 'daily',
    time: '08:00',
    timeZone: 'UTC',
    nextRunAt: new Date(Date.now() + 86_400_000),
  });
  await replaceScheduleCompanies(db, account.id, schedule.id, [companyId]);
  await replaceScheduleRecipients(db, account.id, schedule.id, [await contactIn(db, account.id)]);
  const run = await insertRun(db, {
    accountId: account.id,
    scheduleId: schedule.id,
    trigger: 'manual',
    status: 'succeeded',
    companyIds: [companyId],
    rowCount: 0,
    csv: 'Company,Device\r\n',
    html: { en: '<p>Summary</p>', fr: '<p>Résumé</p>' },
  });
  return { scheduleId: schedule.id, runId: run.id };
}

const onSchedule = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
});
const readSchedule = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: 403,
};

/** Report schedules: administrators manage; technicians read those of their companies; viewers nothing. */
export const reportRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/report-schedules',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/report-schedules' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'POST /api/v1/report-schedules',
    targets: ['none'],
    request: async ({ db, world }) => ({
      method: 'POST',
      url: '/api/v1/report-schedules',
      payload: {
        name: 'Daily inventory',
        kind: 'device_inventory',
        frequency: 'daily',
        time: '08:00',
        timeZone: 'Europe/Paris',
        recipientContactIds: [await contactIn(db, world.accountA.id)],
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/report-schedules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/report-schedules/${(await scheduleFor(db, world, target)).scheduleId}`,
    }),
    expect: readSchedule,
  },
  {
    route: 'PATCH /api/v1/report-schedules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/report-schedules/${(await scheduleFor(db, world, target)).scheduleId}`,
      payload: { name: 'Renamed' },
    }),
    expect: onSchedule(200),
  },
  {
    route: 'DELETE /api/v1/report-schedules/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'DELETE',
      url: `/api/v1/report-schedules/${(await scheduleFor(db, world, target)).scheduleId}`,
    }),
    expect: onSchedule(204),
  },
  {
    route: 'POST /api/v1/report-schedules/:id/runs',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'POST',
      url: `/api/v1/report-schedules/${(await scheduleFor(db, world, target)).scheduleId}/runs`,
    }),
    expect: onSchedule(202),
  },
  {
    route: 'GET /api/v1/report-schedules/:id/runs',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/report-schedules/${(await scheduleFor(db, world, target)).scheduleId}/runs`,
    }),
    expect: readSchedule,
  },
  {
    route: 'GET /api/v1/report-schedules/:id/runs/:runId/report.csv',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { scheduleId, runId } = await scheduleFor(db, world, target);
      return { method: 'GET', url: `/api/v1/report-schedules/${scheduleId}/runs/${runId}/report.csv` };
    },
    expect: readSchedule,
  },
  {
    route: 'GET /api/v1/report-schedules/:id/runs/:runId/summary.html',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { scheduleId, runId } = await scheduleFor(db, world, target);
      return { method: 'GET', url: `/api/v1/report-schedules/${scheduleId}/runs/${runId}/summary.html?language=fr` };
    },
    expect: readSchedule,
  },
];

import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { insertRun, queueRun, startReportJobs } from '../../src/server/modules/reports/index.js';
import { anAccount } from '../support/builders/index.js';
import { createTestApp, signIn } from '../support/test-app.js';
import { silent, startTestDelivery } from './delivery-support.js';
import { createSchedule, reader } from './reports-kit.js';

const { app, database } = await createTestApp();
const db = database.db;

describe('report workers', () => {
  it('drain a backlog of runs at the speed of the work, not one run per polling interval', async () => {
    const delivery = await startTestDelivery(database, {});
    const reports = await startReportJobs({ db, jobs: delivery.jobs, hub: delivery.hub, log: silent });
    afterAll(() => reports.stop());
    const own = await anAccount(db, { name: 'Backlog', companies: 1 });
    const admin = await signIn(app, own.admin.email);
    const contact = await reader(db, own.id);
    const schedule = await createSchedule(app, admin, { name: 'Backlog', recipientContactIds: [contact.id] });

    // one commit, one announcement: the rest is found by workers looking again as soon as they finish
    const count = 12;
    const started = Date.now();
    const runIds = await db.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const run = await insertRun(tx, {
          accountId: own.id,
          scheduleId: schedule.id,
          trigger: 'manual',
          periodStart: new Date(Date.now() - 86_400_000),
          periodEnd: new Date(),
        });
        await queueRun(tx, run.id);
        ids.push(run.id);
      }
      return ids;
    });
    const done = async () => {
      const rows = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from report_runs where id = any(${`{${runIds.join(',')}}`}::uuid[]) and status = 'succeeded'`,
      );
      return rows.rows[0]!.n;
    };
    // two workers polling every 2 s would need about 12 s for twelve runs
    await expect.poll(done, { timeout: 6000, interval: 50 }).toBe(count);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});

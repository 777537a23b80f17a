import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { executeRun, insertRun } from '../../src/server/modules/reports/index.js';
import { only } from '../support/builders/index.js';
import { createTestApp } from '../support/test-app.js';
import { runRow } from './reports-kit.js';

const { database } = await createTestApp();
const db = database.db;
const quiet = { info() {}, warn() {}, error() {}, debug() {}, child: () => quiet } as unknown as Parameters<
  typeof seedDemo
>[1];

describe('the demo account', () => {
  it('has a weekly inventory report, Mondays at 08:00 Paris time, that runs', async () => {
    await seedDemo(database, quiet);
    const s = only(
      (
        await db.execute<{ id: string; account_id: string; next_run_at: string; recipients: string }>(sql`
        select s.id, s.account_id, s.next_run_at, (select count(*) from report_schedule_recipients r where r.schedule_id = s.id) as recipients
        from report_schedules s where s.name = 'Weekly device inventory'`)
      ).rows,
    );
    expect(Number(s.recipients)).toBe(2);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(s.next_run_at));
    expect(local).toBe('Monday 08:00');
    const run = await insertRun(db, { accountId: s.account_id, scheduleId: s.id, trigger: 'manual' });
    await executeRun(db, run.id);
    const done = await runRow(db, run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(done.row_count).toBeGreaterThan(0);
  });
});

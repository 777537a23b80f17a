import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { createScheduleBody, type ReportKind } from '../../../src/shared/contracts/reports.js';
import { systemContext } from '../../../src/server/modules/audit/index.js';
import { createSchedule } from '../../../src/server/modules/reports/index.js';
import { reportRuns, reportSchedules } from '../../../src/server/modules/reports/tables.js';
import { adminActor, type TestAccount } from './accounts.js';

/**
 * A report schedule made by the reports service as the account's first administrator would make
 * it (checked like a request body, audited; its first run computed): daily at 08:00 UTC, for every
 * company unless told.
 */
export async function aReportSchedule(
  db: Db,
  account: TestAccount,
  options: {
    recipients: readonly string[];
    name?: string;
    kind?: ReportKind;
    companies?: readonly string[];
    time?: string;
    timeZone?: string;
    enabled?: boolean;
  },
): Promise<{ id: string; nextRunAt: string | null }> {
  const body = createScheduleBody.parse({
    name: options.name ?? 'Test report',
    kind: options.kind ?? 'device_inventory',
    companyIds: options.companies ? [...options.companies] : 'all',
    frequency: 'daily',
    time: options.time ?? '08:00',
    timeZone: options.timeZone ?? 'UTC',
    recipientContactIds: [...options.recipients],
    enabled: options.enabled,
  });
  const schedule = await createSchedule(db, systemContext('test'), adminActor(account), body);
  return { id: schedule.id, nextRunAt: schedule.nextRunAt };
}

/** The schedules' next run is at `at` (and they are enabled), as if the clock had come to it. */
export async function scheduleDueAt(db: Db, ids: readonly string[], at: Date): Promise<void> {
  await db
    .update(reportSchedules)
    .set({ enabled: true, nextRunAt: at })
    .where(inArray(reportSchedules.id, [...ids]));
}

/** The schedule is paused, its next run kept, without the audit row an administrator's change writes. */
export async function pauseSchedule(db: Db, id: string): Promise<void> {
  await db.update(reportSchedules).set({ enabled: false }).where(eq(reportSchedules.id, id));
}

/** The runs of these schedules as stored, in the order they were due. */
export async function runsOfSchedules(db: Db, scheduleIds: readonly string[]) {
  return db
    .select()
    .from(reportRuns)
    .where(inArray(reportRuns.scheduleId, [...scheduleIds]))
    .orderBy(asc(reportRuns.scheduledFor), asc(reportRuns.createdAt));
}

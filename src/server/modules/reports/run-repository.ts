import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ReportFrequency } from '../../../shared/contracts/reports.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { userCompanies, users } from '../users/tables.js';
import type { RunRow, ScheduleRow } from './repository.js';
import { reportRuns, reportScheduleCompanies, reportScheduleRecipients, reportSchedules } from './tables.js';

/** What making runs reads and writes: due schedules, claiming a run, its schedule's parts, its outcome. */

type DueRow = {
  id: string;
  account_id: string;
  frequency: ReportFrequency;
  weekday: number | null;
  month_day: number | null;
  time: string;
  time_zone: string;
  next_run_at: string;
};

/** Enabled schedules due at `now`, oldest due first, locked (FOR UPDATE SKIP LOCKED: rows another process took are skipped). */
export async function lockDueSchedules(tx: Queryable, now: Date, batch: number): Promise<DueRow[]> {
  const due = await tx.execute<DueRow>(sql`
        select id, account_id, frequency, weekday, month_day, time, time_zone, next_run_at from report_schedules
        where enabled and next_run_at <= ${now}
        order by next_run_at limit ${batch}
        for update skip locked`);
  return due.rows;
}

/** The run of a schedule for a due time; null when it exists already (unique per schedule and time). */
export async function insertScheduledRun(
  tx: Queryable,
  run: { accountId: string; scheduleId: string; dueAt: Date; periodStart: Date; periodEnd: Date },
): Promise<string | null> {
  const inserted = await tx.execute<{ id: string }>(sql`
          insert into report_runs (account_id, schedule_id, trigger, scheduled_for, period_start, period_end)
          values (${run.accountId}, ${run.scheduleId}, 'schedule', ${run.dueAt}, ${run.periodStart}, ${run.periodEnd})
          on conflict (schedule_id, scheduled_for) do nothing returning id`);
  return inserted.rows[0]?.id ?? null;
}

export async function setNextRunAt(tx: Queryable, scheduleId: string, next: Date): Promise<void> {
  await tx.execute(sql`update report_schedules set next_run_at = ${next} where id = ${scheduleId}`);
}

/** Takes a queued run, or one left `running` before `staleBefore` (its process died); null when it is not to be taken. */
export async function claimRun(db: Queryable, runId: string, now: Date, staleBefore: Date): Promise<RunRow | null> {
  const rows = await db
    .update(reportRuns)
    .set({ status: 'running', startedAt: now })
    .where(
      and(
        eq(reportRuns.id, runId),
        sql`(${reportRuns.status} = 'queued' or (${reportRuns.status} = 'running' and ${reportRuns.startedAt} < ${staleBefore}))`,
      ),
    )
    .returning();
  return rows[0] ?? null;
}

/** Records how a run ended: its state, error and output. */
export async function finishRun(
  db: Queryable,
  runId: string,
  outcome: Partial<Omit<typeof reportRuns.$inferInsert, 'id'>>,
): Promise<void> {
  await db.update(reportRuns).set(outcome).where(eq(reportRuns.id, runId));
}

export async function findScheduleById(db: Queryable, scheduleId: string): Promise<ScheduleRow | null> {
  const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, scheduleId)).limit(1);
  return schedule ?? null;
}

/** The companies and the recipient contacts a schedule names (ids). */
export async function schedulePartIds(
  db: Queryable,
  scheduleId: string,
): Promise<{ companyIds: string[]; contactIds: string[] }> {
  const linked = await db
    .select({ id: reportScheduleCompanies.companyId })
    .from(reportScheduleCompanies)
    .where(eq(reportScheduleCompanies.scheduleId, scheduleId));
  const recipientRows = await db
    .select({ id: reportScheduleRecipients.contactId })
    .from(reportScheduleRecipients)
    .where(eq(reportScheduleRecipients.scheduleId, scheduleId));
  return { companyIds: linked.map((l) => l.id), contactIds: recipientRows.map((r) => r.id) };
}

/** The names of some companies of an account, in name order. */
export async function companyNamesOf(
  db: Queryable,
  accountId: string,
  companyIds: readonly string[],
): Promise<string[]> {
  const rows = await db
    .select({ name: companies.name })
    .from(companies)
    .where(and(eq(companies.accountId, accountId), inArray(companies.id, [...companyIds])))
    .orderBy(companies.name);
  return rows.map((r) => r.name);
}

/** A schedule's owner as they are now: name, role, status, company reach and language. */
export async function findOwner(db: Queryable, accountId: string, ownerId: string) {
  const [owner] = await db
    .select({
      name: users.name,
      role: users.role,
      status: users.status,
      allCompanies: users.allCompanies,
      language: users.language,
    })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, ownerId)))
    .limit(1);
  return owner ?? null;
}

/** The companies a user limited to some companies may see. */
export async function companyIdsOfUser(db: Queryable, accountId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: userCompanies.companyId })
    .from(userCompanies)
    .where(and(eq(userCompanies.accountId, accountId), eq(userCompanies.userId, userId)));
  return rows.map((r) => r.id);
}

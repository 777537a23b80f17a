import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { RunDelivery } from '../../../shared/contracts/reports.js';
import { oneRow } from '../../platform/db/one-row.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { contacts } from '../contacts/tables.js';
import { users } from '../users/tables.js';
import { reportRuns, reportScheduleCompanies, reportScheduleRecipients, reportSchedules } from './tables.js';

export type ScheduleRow = typeof reportSchedules.$inferSelect;
export type RunRow = typeof reportRuns.$inferSelect;
export type RunSummaryRow = Omit<RunRow, 'csv' | 'html'> & { hasOutput: boolean; delivery: RunDelivery };

/** A run's messages counted by state (index `outbox_report_run_idx`); `run` is the SQL naming the run's id. */
const deliveryOf = (run: SQL) => sql<RunDelivery>`(select json_build_object(
    'sent', count(*) filter (where o.status = 'sent'),
    'waiting', count(*) filter (where o.status in ('queued', 'sending', 'held')),
    'failed', count(*) filter (where o.status = 'failed'))
  from outbox_messages o where o.kind = 'report' and (o.metadata ->> 'runId') = (${run})::text)`;
export type ScheduleWithParts = ScheduleRow & {
  companies: { id: string; name: string }[];
  recipients: { id: string; name: string }[];
  owner: { id: string; name: string } | null;
  lastRun: { id: string; status: RunRow['status']; delivery: RunDelivery; createdAt: Date } | null;
};

/** Schedules a caller limited to some companies may see: for all companies, or for one of theirs. */
export function scheduleVisibleTo(companyIds: readonly string[] | null): SQL | undefined {
  if (companyIds === null) return undefined;
  if (companyIds.length === 0) return eq(reportSchedules.allCompanies, true);
  return or(
    eq(reportSchedules.allCompanies, true),
    sql`exists (select 1 from ${reportScheduleCompanies} sc where sc.schedule_id = ${reportSchedules.id} and sc.company_id in (${sql.join(
      companyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  );
}

/**
 * Companies, recipients, owners and last runs (their delivery counted for the last run only) of a set of schedules:
 * four queries whatever their number, one after the other (`db` may be a transaction's one connection).
 */
async function withParts(db: Queryable, accountId: string, rows: ScheduleRow[]): Promise<ScheduleWithParts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
  const links = await db
    .select({ scheduleId: reportScheduleCompanies.scheduleId, id: companies.id, name: companies.name })
    .from(reportScheduleCompanies)
    .innerJoin(companies, eq(companies.id, reportScheduleCompanies.companyId))
    .where(and(eq(reportScheduleCompanies.accountId, accountId), inArray(reportScheduleCompanies.scheduleId, ids)))
    .orderBy(asc(companies.name));
  const recipients = await db
    .select({ scheduleId: reportScheduleRecipients.scheduleId, id: contacts.id, name: contacts.name })
    .from(reportScheduleRecipients)
    .innerJoin(contacts, eq(contacts.id, reportScheduleRecipients.contactId))
    .where(and(eq(reportScheduleRecipients.accountId, accountId), inArray(reportScheduleRecipients.scheduleId, ids)))
    .orderBy(asc(contacts.name));
  const owners = ownerIds.length
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.accountId, accountId), inArray(users.id, ownerIds)))
    : [];
  const lastRuns = await db.execute<{
    schedule_id: string;
    id: string;
    status: RunRow['status'];
    delivery: RunDelivery;
    created_at: string;
  }>(sql`
      select last.*, ${deliveryOf(sql`last.id`)} as delivery from (
        select distinct on (schedule_id) schedule_id, id, status, created_at from report_runs
        where account_id = ${accountId} and schedule_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by schedule_id, created_at desc, id desc
      ) last`);
  return rows.map((r) => {
    const last = lastRuns.rows.find((l) => l.schedule_id === r.id);
    return {
      ...r,
      companies: links.filter((l) => l.scheduleId === r.id).map(({ id, name }) => ({ id, name })),
      recipients: recipients.filter((l) => l.scheduleId === r.id).map(({ id, name }) => ({ id, name })),
      owner: owners.find((o) => o.id === r.ownerId) ?? null,
      lastRun: last
        ? { id: last.id, status: last.status, delivery: last.delivery, createdAt: new Date(last.created_at) }
        : null,
    };
  });
}

export async function listSchedules(
  db: Queryable,
  accountId: string,
  visible: readonly string[] | null,
  { search, limit, after }: { search?: string; limit: number; after: [string, string] | null },
) {
  const sortName = sql<string>`lower(${reportSchedules.name})`;
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select({ schedule: reportSchedules, sortName })
    .from(reportSchedules)
    .where(
      and(
        eq(reportSchedules.accountId, accountId),
        scheduleVisibleTo(visible),
        pattern ? sql`${reportSchedules.name} ilike ${pattern}` : undefined,
        after ? or(gt(sortName, after[0]), and(eq(sortName, after[0]), gt(reportSchedules.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(reportSchedules.id))
    .limit(limit + 1);
  const sortNames = new Map(rows.map((r) => [r.schedule.id, r.sortName]));
  const full = await withParts(
    db,
    accountId,
    rows.map((r) => r.schedule),
  );
  return full.map((s) => ({ ...s, sortName: sortNames.get(s.id) ?? '' }));
}

export async function findSchedule(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  visible: readonly string[] | null,
  { forUpdate = false } = {},
): Promise<ScheduleWithParts | null> {
  const query = db
    .select()
    .from(reportSchedules)
    .where(
      and(eq(reportSchedules.accountId, accountId), eq(reportSchedules.id, scheduleId), scheduleVisibleTo(visible)),
    )
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: reportSchedules }) : await query;
  if (!row) return null;
  return (await withParts(db, accountId, [row]))[0] ?? null;
}

export async function insertSchedule(db: Queryable, values: typeof reportSchedules.$inferInsert): Promise<ScheduleRow> {
  return oneRow(await db.insert(reportSchedules).values(values).returning(), 'storing a report schedule');
}

export async function updateScheduleRow(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  patch: Partial<typeof reportSchedules.$inferInsert>,
): Promise<void> {
  await db
    .update(reportSchedules)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(reportSchedules.accountId, accountId), eq(reportSchedules.id, scheduleId)));
}

export async function deleteScheduleRow(db: Queryable, accountId: string, scheduleId: string): Promise<void> {
  await db
    .delete(reportSchedules)
    .where(and(eq(reportSchedules.accountId, accountId), eq(reportSchedules.id, scheduleId)));
}

export async function replaceScheduleCompanies(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  companyIds: readonly string[],
): Promise<void> {
  await db.delete(reportScheduleCompanies).where(eq(reportScheduleCompanies.scheduleId, scheduleId));
  if (companyIds.length > 0)
    await db
      .insert(reportScheduleCompanies)
      .values(companyIds.map((companyId) => ({ accountId, scheduleId, companyId })));
}

export async function replaceScheduleRecipients(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  contactIds: readonly string[],
): Promise<void> {
  await db.delete(reportScheduleRecipients).where(eq(reportScheduleRecipients.scheduleId, scheduleId));
  if (contactIds.length > 0)
    await db
      .insert(reportScheduleRecipients)
      .values(contactIds.map((contactId) => ({ accountId, scheduleId, contactId })));
}

/** Of these contacts, those that exist in the account. */
export async function existingContactIds(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** Schedules that send to a contact: shown before the contact is deleted. */
export async function schedulesOfContact(
  db: Queryable,
  accountId: string,
  contactId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: reportSchedules.id, name: reportSchedules.name })
    .from(reportScheduleRecipients)
    .innerJoin(reportSchedules, eq(reportSchedules.id, reportScheduleRecipients.scheduleId))
    .where(and(eq(reportScheduleRecipients.accountId, accountId), eq(reportScheduleRecipients.contactId, contactId)))
    .orderBy(asc(reportSchedules.name));
}

const runSummaryColumns = {
  id: reportRuns.id,
  accountId: reportRuns.accountId,
  scheduleId: reportRuns.scheduleId,
  trigger: reportRuns.trigger,
  requestedBy: reportRuns.requestedBy,
  status: reportRuns.status,
  scheduledFor: reportRuns.scheduledFor,
  periodStart: reportRuns.periodStart,
  periodEnd: reportRuns.periodEnd,
  companyIds: reportRuns.companyIds,
  recipients: reportRuns.recipients,
  rowCount: reportRuns.rowCount,
  error: reportRuns.error,
  errorCode: reportRuns.errorCode,
  errorParams: reportRuns.errorParams,
  createdAt: reportRuns.createdAt,
  startedAt: reportRuns.startedAt,
  finishedAt: reportRuns.finishedAt,
  hasOutput: sql<boolean>`${reportRuns.csv} is not null`,
  delivery: deliveryOf(sql`${reportRuns.id}`),
};

/** A schedule's runs, newest first, keyset-paginated on (created_at, id); outputs are not read. */
export async function listRuns(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  { limit, after }: { limit: number; after: [string, string] | null },
): Promise<RunSummaryRow[]> {
  return db
    .select(runSummaryColumns)
    .from(reportRuns)
    .where(
      and(
        eq(reportRuns.accountId, accountId),
        eq(reportRuns.scheduleId, scheduleId),
        after
          ? or(
              lt(reportRuns.createdAt, new Date(after[0])),
              and(eq(reportRuns.createdAt, new Date(after[0])), lt(reportRuns.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reportRuns.createdAt), desc(reportRuns.id))
    .limit(limit + 1);
}

export async function findRun(
  db: Queryable,
  accountId: string,
  scheduleId: string,
  runId: string,
): Promise<RunSummaryRow | null> {
  const [row] = await db
    .select(runSummaryColumns)
    .from(reportRuns)
    .where(and(eq(reportRuns.accountId, accountId), eq(reportRuns.scheduleId, scheduleId), eq(reportRuns.id, runId)))
    .limit(1);
  return row ?? null;
}

export async function runOutput(
  db: Queryable,
  accountId: string,
  runId: string,
): Promise<{ csv: string | null; html: Record<string, string> | null } | null> {
  const [row] = await db
    .select({ csv: reportRuns.csv, html: reportRuns.html })
    .from(reportRuns)
    .where(and(eq(reportRuns.accountId, accountId), eq(reportRuns.id, runId)))
    .limit(1);
  return row ?? null;
}

export async function insertRun(db: Queryable, values: typeof reportRuns.$inferInsert): Promise<RunSummaryRow> {
  const row = oneRow(
    await db.insert(reportRuns).values(values).returning({ id: reportRuns.id }),
    'storing a report run',
  );
  const run = await findRun(db, values.accountId, values.scheduleId, row.id);
  if (!run) throw new Error(`report run ${row.id} was not found after it was stored`);
  return run;
}

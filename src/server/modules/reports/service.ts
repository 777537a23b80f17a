import { z } from 'zod';
import type {
  CreateScheduleBody,
  ReportKind,
  ReportRun,
  ReportSchedule,
  UpdateScheduleBody,
} from '../../../shared/contracts/reports.js';
import { roleCan } from '../../../shared/permissions.js';
import { isTimeZone } from '../../../shared/locales.js';
import { authorize, companyFilter, hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { checkedCompanies } from '../companies/index.js';
import { nextRunAfter, periodBefore } from './next-run.js';
import { presentRun, presentSchedule } from './presenter.js';
import {
  deleteScheduleRow,
  existingContactIds,
  findRun,
  findSchedule,
  insertRun,
  insertSchedule,
  listRuns,
  listSchedules,
  replaceScheduleCompanies,
  replaceScheduleRecipients,
  runOutput,
  updateScheduleRow,
  type ScheduleWithParts,
} from './repository.js';
import { queueRun } from './scheduler.js';

const auditView = (s: ScheduleWithParts) => ({
  name: s.name,
  kind: s.kind,
  companies: s.allCompanies ? 'all' : s.companies.map((c) => c.id),
  frequency: s.frequency,
  weekday: s.weekday,
  monthDay: s.monthDay,
  time: s.time,
  timeZone: s.timeZone,
  recipients: s.recipients.map((r) => r.id),
  enabled: s.enabled,
  ownerId: s.ownerId,
});

async function visibleSchedule(
  tx: Queryable,
  actor: Actor,
  scheduleId: string,
  forUpdate = false,
): Promise<ScheduleWithParts> {
  const schedule = await findSchedule(tx, actor.accountId, scheduleId, companyFilter(actor), { forUpdate });
  if (!schedule) throw notFound('This report schedule');
  return schedule;
}

async function checkedRecipients(tx: Queryable, accountId: string, contactIds: string[]): Promise<string[]> {
  const ids = [...new Set(contactIds)];
  const known = await existingContactIds(tx, accountId, ids);
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw fieldError(`recipientContactIds.${unknown}`, 'not_found', 'This contact does not exist.');
  return ids;
}

interface Recurrence {
  frequency: 'daily' | 'weekly' | 'monthly';
  weekday: number | null;
  monthDay: number | null;
  time: string;
  timeZone: string;
}

/** Only the day field the frequency uses is kept; a missing one is a field error. */
function normalisedRecurrence(r: {
  frequency: Recurrence['frequency'];
  weekday?: number | null;
  monthDay?: number | null;
  time: string;
  timeZone: string;
}): Recurrence {
  if (!isTimeZone(r.timeZone)) throw fieldError('timeZone', 'unknown_time_zone', 'Unknown time zone');
  if (r.frequency === 'weekly' && (r.weekday === undefined || r.weekday === null))
    throw fieldError('weekday', 'required', 'Choose the day of the week');
  if (r.frequency === 'monthly' && (r.monthDay === undefined || r.monthDay === null))
    throw fieldError('monthDay', 'required', 'Choose the day of the month');
  return {
    frequency: r.frequency,
    weekday: r.frequency === 'weekly' ? r.weekday! : null,
    monthDay: r.frequency === 'monthly' ? r.monthDay! : null,
    time: r.time,
    timeZone: r.timeZone,
  };
}

export async function listSchedulesPage(
  db: Db,
  actor: Actor,
  query: { search?: string; limit: number; after: [string, string] | null },
) {
  return listSchedules(db, actor.accountId, companyFilter(actor), query);
}

export async function getSchedule(db: Db, actor: Actor, scheduleId: string): Promise<ReportSchedule> {
  return presentSchedule(await visibleSchedule(db, actor, scheduleId), actor);
}

/** Creates a schedule owned by its creator: runs are made with the owner's rights. */
export async function createSchedule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: CreateScheduleBody,
  now = new Date(),
): Promise<ReportSchedule> {
  authorize(actor, 'reports.manage');
  const recurrence = normalisedRecurrence(body);
  const id = await db.transaction(async (tx) => {
    const companies = await checkedCompanies(tx, actor.accountId, body.companyIds);
    const recipients = await checkedRecipients(tx, actor.accountId, body.recipientContactIds);
    const row = await insertSchedule(tx, {
      accountId: actor.accountId,
      ownerId: actor.userId,
      name: body.name,
      kind: body.kind,
      allCompanies: companies.all,
      ...recurrence,
      enabled: body.enabled,
      nextRunAt: body.enabled ? nextRunAfter(recurrence, now) : null,
    });
    await replaceScheduleCompanies(tx, actor.accountId, row.id, companies.ids);
    await replaceScheduleRecipients(tx, actor.accountId, row.id, recipients);
    const created = await visibleSchedule(tx, actor, row.id);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.create',
      objectType: 'report_schedule',
      objectId: row.id,
      after: auditView(created),
    });
    return row.id;
  });
  return getSchedule(db, actor, id);
}

/**
 * Changes a schedule. Whoever saves it becomes its owner (their rights make the next runs): an
 * administrator can so take over the schedule of someone who left. The next run is recomputed.
 */
export async function updateSchedule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  scheduleId: string,
  patch: UpdateScheduleBody,
  now = new Date(),
): Promise<ReportSchedule> {
  await db.transaction(async (tx) => {
    const schedule = await visibleSchedule(tx, actor, scheduleId, true);
    authorize(actor, 'reports.manage');
    const recurrence = normalisedRecurrence({
      frequency: patch.frequency ?? schedule.frequency,
      weekday: patch.weekday !== undefined ? patch.weekday : schedule.weekday,
      monthDay: patch.monthDay !== undefined ? patch.monthDay : schedule.monthDay,
      time: patch.time ?? schedule.time,
      timeZone: patch.timeZone ?? schedule.timeZone,
    });
    const before = auditView(schedule);
    let allCompanies = schedule.allCompanies;
    if (patch.companyIds !== undefined) {
      const companies = await checkedCompanies(tx, actor.accountId, patch.companyIds);
      allCompanies = companies.all;
      await replaceScheduleCompanies(tx, actor.accountId, scheduleId, companies.ids);
    }
    if (patch.recipientContactIds !== undefined)
      await replaceScheduleRecipients(
        tx,
        actor.accountId,
        scheduleId,
        await checkedRecipients(tx, actor.accountId, patch.recipientContactIds),
      );
    const enabled = patch.enabled ?? schedule.enabled;
    await updateScheduleRow(tx, actor.accountId, scheduleId, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...recurrence,
      allCompanies,
      enabled,
      ownerId: actor.userId,
      nextRunAt: enabled ? nextRunAfter(recurrence, now) : null,
    });
    const after = auditView(await visibleSchedule(tx, actor, scheduleId));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, ctx, {
        action: 'report_schedule.update',
        objectType: 'report_schedule',
        objectId: scheduleId,
        before,
        after,
      });
    }
  });
  return getSchedule(db, actor, scheduleId);
}

export async function deleteSchedule(db: Db, ctx: RequestContext, actor: Actor, scheduleId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const schedule = await visibleSchedule(tx, actor, scheduleId, true);
    authorize(actor, 'reports.manage');
    await deleteScheduleRow(tx, actor.accountId, scheduleId);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.delete',
      objectType: 'report_schedule',
      objectId: scheduleId,
      before: auditView(schedule),
    });
  });
}

/** "Send now": a run of the schedule as it is, made by the workers with the owner's rights. */
export async function sendNow(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  scheduleId: string,
  now = new Date(),
): Promise<ReportRun> {
  return db.transaction(async (tx) => {
    const schedule = await visibleSchedule(tx, actor, scheduleId, true);
    authorize(actor, 'reports.manage');
    const period = periodBefore(schedule, now);
    const run = await insertRun(tx, {
      accountId: actor.accountId,
      scheduleId,
      trigger: 'manual',
      requestedBy: actor.userId,
      periodStart: period.start,
      periodEnd: period.end,
    });
    await queueRun(tx, run.id);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.send_now',
      objectType: 'report_schedule',
      objectId: scheduleId,
      after: { runId: run.id },
    });
    return presentRun(run);
  });
}

/** A page of a visible schedule's runs, newest first, with the cursor of the next (404 for a schedule the actor cannot see). */
export async function runsPage(db: Db, actor: Actor, scheduleId: string, query: { limit: number; cursor?: string }) {
  await visibleSchedule(db, actor, scheduleId);
  const after = decodeCursor(query.cursor, z.tuple([cursorPart.isoTime, cursorPart.id]));
  const rows = await listRuns(db, actor.accountId, scheduleId, { limit: query.limit, after });
  return splitPage(rows, query.limit, (last) => [last.createdAt.toISOString(), last.id]);
}

/**
 * A run's CSV or HTML summary. Its content was made with the owner's rights, so the reader must
 * see every company it covered (and, for the audit trail, read the audit log): otherwise 403.
 */
export async function runDownload(
  db: Db,
  actor: Actor,
  scheduleId: string,
  runId: string,
): Promise<{ kind: ReportKind; csv: string; html: Record<string, string>; createdAt: Date }> {
  const schedule = await visibleSchedule(db, actor, scheduleId);
  const run = await findRun(db, actor.accountId, scheduleId, runId);
  if (!run) throw notFound('This run');
  if (!run.hasOutput) throw new AppError('not_found', 'This run has no output: it failed before the report was made.');
  const covers = run.companyIds;
  const seesAll = covers === null ? actor.allCompanies : covers.every((id) => hasCompanyAccess(actor, id));
  if (!seesAll) throw forbidden('This report covers companies you cannot see.');
  if (schedule.kind === 'audit_trail' && !roleCan(actor.role, 'audit.read'))
    throw forbidden('This report shows the audit log, which you may not read.');
  const output = await runOutput(db, actor.accountId, runId);
  return { kind: schedule.kind, csv: output?.csv ?? '', html: output?.html ?? {}, createdAt: run.createdAt };
}

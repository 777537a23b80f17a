import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import type { DomainEventType } from '../../../shared/events.js';
import type { Db, Tx } from '../../platform/db/pool.js';
import { alertConditions, alertRuleCompanies, alertRules } from './tables.js';
import { sendAlert, type AlertRuleRow } from './send.js';
import { sendJob } from '../../platform/jobs/send.js';
import { queues } from '../../platform/jobs/queues.js';

type EventRow = {
  id: string;
  account_id: string;
  company_id: string | null;
  type: DomainEventType;
  subject_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
};

/** Conditions no event clears end by themselves: a limit or a throttle alerts again after this. */
const selfClearingMinutes: Partial<Record<AlertEvent, number>> = {
  seat_limit_reached: 60,
  device_limit_reached: 60,
  signin_throttled: 15,
};

/** The rules of an account for an event kind, enabled, that watch the event's company (or every rule for account-wide events). */
async function rulesFor(
  tx: Tx,
  accountId: string,
  event: AlertEvent,
  companyId: string | null,
): Promise<AlertRuleRow[]> {
  return tx
    .select({
      id: alertRules.id,
      accountId: alertRules.accountId,
      name: alertRules.name,
      event: alertRules.event,
      delayMinutes: alertRules.delayMinutes,
      urgent: alertRules.urgent,
    })
    .from(alertRules)
    .where(
      and(
        eq(alertRules.accountId, accountId),
        eq(alertRules.event, event),
        eq(alertRules.enabled, true),
        companyId
          ? or(
              eq(alertRules.allCompanies, true),
              sql`exists (select 1 from ${alertRuleCompanies} rc where rc.rule_id = ${alertRules.id} and rc.company_id = ${companyId})`,
            )
          : undefined,
      ),
    );
}

const occurrenceOf = (e: EventRow) => ({
  companyId: e.company_id,
  payload: e.payload,
  subjectId: e.subject_id,
  at: e.occurred_at,
});

/** Alerts at once, no condition to track (device back online, enrolled, new question). */
async function fireNow(tx: Tx, e: EventRow, event: AlertEvent, now: Date) {
  for (const rule of await rulesFor(tx, e.account_id, event, e.company_id))
    await sendAlert(tx, rule, occurrenceOf(e), 'alert', now);
}

/**
 * A condition begins (device offline, request waiting, limit reached). While one is open for the
 * rule and subject, more events are duplicates and are only counted. Due at once fires at once.
 */
async function openCondition(tx: Tx, e: EventRow, event: AlertEvent, subjectKey: string, now: Date) {
  for (const rule of await rulesFor(tx, e.account_id, event, e.company_id)) {
    const dueAt = new Date(e.occurred_at.getTime() + rule.delayMinutes * 60_000);
    const expires = selfClearingMinutes[event];
    const [opened] = await tx
      .insert(alertConditions)
      .values({
        accountId: e.account_id,
        ruleId: rule.id,
        subjectKey,
        companyId: e.company_id,
        payload: e.payload,
        startedAt: e.occurred_at,
        dueAt,
        expiresAt: expires ? new Date(now.getTime() + expires * 60_000) : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!opened) {
      await tx
        .update(alertConditions)
        .set({ duplicates: sql`${alertConditions.duplicates} + 1` })
        .where(
          and(
            eq(alertConditions.ruleId, rule.id),
            eq(alertConditions.subjectKey, subjectKey),
            isNull(alertConditions.clearedAt),
          ),
        );
      continue;
    }
    if (dueAt <= now) {
      await sendAlert(tx, rule, occurrenceOf(e), 'alert', now);
      await tx.update(alertConditions).set({ firedAt: now }).where(eq(alertConditions.id, opened.id));
    } else {
      // a tick at the moment it is due, so the alert is not up to a minute late (the cron stays the safety net)
      await sendJob(tx, queues.alertsTick, {}, { startAfter: dueAt });
    }
  }
}

/** A condition ends (device back, request taken): a recovery notice if its alert went out, silence otherwise. */
async function clearCondition(tx: Tx, e: EventRow, event: AlertEvent, subjectKey: string, now: Date) {
  const cleared = await tx
    .update(alertConditions)
    .set({ clearedAt: now })
    .where(
      and(
        eq(alertConditions.accountId, e.account_id),
        eq(alertConditions.subjectKey, subjectKey),
        isNull(alertConditions.clearedAt),
        sql`${alertConditions.ruleId} in (select id from ${alertRules} where event = ${event})`,
      ),
    )
    .returning();
  for (const condition of cleared) {
    if (!condition.firedAt) continue;
    const [rule] = await tx
      .select({
        id: alertRules.id,
        accountId: alertRules.accountId,
        name: alertRules.name,
        event: alertRules.event,
        delayMinutes: alertRules.delayMinutes,
        urgent: alertRules.urgent,
        enabled: alertRules.enabled,
      })
      .from(alertRules)
      .where(eq(alertRules.id, condition.ruleId));
    // the notice says when the condition began
    if (rule?.enabled)
      await sendAlert(
        tx,
        rule,
        { ...occurrenceOf(e), payload: { ...(condition.payload as object), ...e.payload }, at: condition.startedAt },
        'recovery',
        now,
      );
  }
}

/** What each domain event means to the rules. */
async function handle(tx: Tx, e: EventRow, now: Date): Promise<void> {
  const subject = e.subject_id ?? '';
  switch (e.type) {
    case 'device.offline':
      return openCondition(tx, e, 'device_offline', `device:${subject}`, now);
    case 'device.online':
      await clearCondition(tx, e, 'device_offline', `device:${subject}`, now);
      return fireNow(tx, e, 'device_online', now);
    case 'device.enrolled':
      return fireNow(tx, e, 'device_enrolled', now);
    case 'request.created':
      return openCondition(tx, e, 'request_waiting', `request:${subject}`, now);
    case 'request.accepted':
    case 'request.closed':
      return clearCondition(tx, e, 'request_waiting', `request:${subject}`, now);
    case 'question.created':
      await clearCondition(tx, e, 'request_waiting', `request:${subject}`, now);
      return fireNow(tx, e, 'question_created', now);
    case 'question.answered':
      return;
    case 'licence.seat_limit_reached':
      return openCondition(tx, e, 'seat_limit_reached', `seats:${String(e.payload.module ?? '')}`, now);
    case 'licence.device_limit_reached':
      return openCondition(tx, e, 'device_limit_reached', 'devices', now);
    case 'auth.signin_throttled':
      return openCondition(tx, e, 'signin_throttled', `signin:${String(e.payload.email ?? subject)}`, now);
  }
}

type CursorRow = {
  last_event_id: string;
  pending_event_id: string | null;
  pending_xmax: string | null;
  pending_settled: boolean;
};

/** How long a visible id must be known before the cursor moves past it (beyond every transaction of its time). */
const settleSeconds = 60;

/**
 * Reads the domain events not yet handled, once across every process: the cursor row is locked
 * `FOR UPDATE SKIP LOCKED`, so a second process finds it taken and leaves. Ids are not committed
 * in order (a transaction may take id 10 and commit after id 11), so events above the cursor are
 * read whenever they become visible and marked handled; the cursor only moves up to an id once
 * every transaction running when that id was seen has ended. Returns the number of events handled.
 */
export async function processEvents(db: Db, now = new Date(), batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const cursor = (
      await tx.execute<CursorRow>(sql`
        select last_event_id, pending_event_id, pending_xmax,
          pending_event_id is not null and pending_xmax is not null
            and pg_snapshot_xmin(pg_current_snapshot())::text::bigint >= pending_xmax
            and pending_at <= now() - make_interval(secs => ${settleSeconds}) as pending_settled
        from alert_cursor where id = 1 for update skip locked`)
    ).rows[0];
    if (!cursor) return 0;
    let last = cursor.last_event_id;
    let pending = cursor.pending_event_id !== null;
    if (cursor.pending_settled) {
      last = cursor.pending_event_id!;
      pending = false;
      await tx.execute(sql`delete from alert_handled_events where event_id <= ${last}::bigint`);
    }
    const events = await tx.execute<EventRow>(sql`
      select id, account_id, company_id, type, subject_id, payload, occurred_at from domain_events d
      where id > ${last}::bigint and not exists (select 1 from alert_handled_events h where h.event_id = d.id)
      order by id limit ${batch}`);
    for (const e of events.rows) await handle(tx, { ...e, occurred_at: new Date(e.occurred_at) }, now);
    if (events.rows.length > 0) {
      await tx.execute(
        sql`insert into alert_handled_events (event_id) select unnest(${`{${events.rows.map((e) => e.id).join(',')}}`}::bigint[])`,
      );
    }
    if (pending) {
      await tx.execute(sql`update alert_cursor set last_event_id = ${last}::bigint, updated_at = now() where id = 1`);
    } else {
      // the highest id visible now, and the next transaction id after this statement: once every
      // transaction below it has ended, no smaller id can still appear
      await tx.execute(sql`
        update alert_cursor set last_event_id = ${last}::bigint,
          pending_event_id = (select max(id) from domain_events where id > ${last}::bigint),
          pending_xmax = pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
          pending_at = now(), updated_at = now()
        where id = 1`);
    }
    return events.rows.length;
  });
}

/**
 * Fires the conditions whose delay ran out ("offline for 5 minutes") and ends the self-clearing
 * ones. Locked rows are skipped: two processes never fire one condition twice.
 */
export async function fireDueConditions(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ condition: alertConditions, rule: alertRules })
      .from(alertConditions)
      .innerJoin(alertRules, eq(alertRules.id, alertConditions.ruleId))
      .where(
        and(
          isNull(alertConditions.clearedAt),
          isNull(alertConditions.firedAt),
          lte(alertConditions.dueAt, now),
          eq(alertRules.enabled, true),
        ),
      )
      .orderBy(alertConditions.dueAt)
      .limit(200)
      .for('update', { of: alertConditions, skipLocked: true });
    for (const { condition, rule } of due) {
      await sendAlert(
        tx,
        rule,
        {
          companyId: condition.companyId,
          payload: condition.payload as Record<string, unknown>,
          subjectId: condition.subjectKey.split(':')[1] ?? null,
          at: condition.startedAt,
        },
        'alert',
        now,
      );
      await tx.update(alertConditions).set({ firedAt: now }).where(eq(alertConditions.id, condition.id));
    }
    await tx
      .update(alertConditions)
      .set({ clearedAt: now })
      .where(and(isNull(alertConditions.clearedAt), lte(alertConditions.expiresAt, now)));
    return due.length;
  });
}

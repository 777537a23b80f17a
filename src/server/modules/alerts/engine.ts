import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import type { Db, Tx } from '../../platform/db/pool.js';
import { sendJob } from '../../platform/jobs/send.js';
import { queues } from '../../platform/jobs/queues.js';
import {
  clearConditions,
  clearExpiredConditions,
  countDuplicate,
  findRuleWithState,
  forgetHandledEvents,
  lockDueConditions,
  lockEventCursor,
  markConditionFired,
  markEventsHandled,
  moveEventCursor,
  moveEventCursorAndWait,
  openConditionOnce,
  rulesForEvent,
  unhandledEvents,
  type EventRow,
} from './engine-repository.js';
import { sendAlert } from './send.js';

/** Conditions no event clears end by themselves: a limit or a throttle alerts again after this. */
const selfClearingMinutes: Partial<Record<AlertEvent, number>> = {
  seat_limit_reached: 60,
  device_limit_reached: 60,
  signin_throttled: 15,
};

const occurrenceOf = (e: EventRow) => ({
  companyId: e.company_id,
  payload: e.payload,
  subjectId: e.subject_id,
  at: e.occurred_at,
});

/** Alerts at once, no condition to track (device back online, enrolled, new question). */
async function fireNow(tx: Tx, e: EventRow, event: AlertEvent, now: Date) {
  for (const rule of await rulesForEvent(tx, e.account_id, event, e.company_id))
    await sendAlert(tx, rule, occurrenceOf(e), 'alert', now);
}

/**
 * A condition begins (device offline, request waiting, limit reached). While one is open for the
 * rule and subject, more events are duplicates and are only counted. Due at once fires at once.
 */
async function openCondition(tx: Tx, e: EventRow, event: AlertEvent, subjectKey: string, now: Date) {
  for (const rule of await rulesForEvent(tx, e.account_id, event, e.company_id)) {
    const dueAt = new Date(e.occurred_at.getTime() + rule.delayMinutes * 60_000);
    const expires = selfClearingMinutes[event];
    const opened = await openConditionOnce(tx, {
      accountId: e.account_id,
      ruleId: rule.id,
      subjectKey,
      companyId: e.company_id,
      payload: e.payload,
      startedAt: e.occurred_at,
      dueAt,
      expiresAt: expires ? new Date(now.getTime() + expires * 60_000) : null,
    });
    if (!opened) {
      await countDuplicate(tx, rule.id, subjectKey);
      continue;
    }
    if (dueAt <= now) {
      await sendAlert(tx, rule, occurrenceOf(e), 'alert', now);
      await markConditionFired(tx, opened.id, now);
    } else {
      // a tick at the moment it is due, so the alert is not up to a minute late (the cron stays the safety net)
      await sendJob(tx, queues.alertsTick, {}, { startAfter: dueAt });
    }
  }
}

/** A condition ends (device back, request taken): a recovery notice if its alert went out, silence otherwise. */
async function clearCondition(tx: Tx, e: EventRow, event: AlertEvent, subjectKey: string, now: Date) {
  for (const condition of await clearConditions(tx, e.account_id, event, subjectKey, now)) {
    if (!condition.firedAt) continue;
    const rule = await findRuleWithState(tx, condition.ruleId);
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
    case 'session.started':
      return fireNow(tx, e, 'session_started', now);
    case 'session.ended':
      return fireNow(tx, e, 'session_ended', now);
    case 'licence.seat_limit_reached':
      return openCondition(tx, e, 'seat_limit_reached', `seats:${String(e.payload.module ?? '')}`, now);
    case 'licence.device_limit_reached':
      return openCondition(tx, e, 'device_limit_reached', 'devices', now);
    case 'auth.signin_throttled':
      return openCondition(tx, e, 'signin_throttled', `signin:${String(e.payload.email ?? subject)}`, now);
  }
}

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
    const cursor = await lockEventCursor(tx, settleSeconds);
    if (!cursor) return 0;
    let last = cursor.last_event_id;
    let pending = cursor.pending_event_id !== null;
    if (cursor.pending_settled && cursor.pending_event_id !== null) {
      last = cursor.pending_event_id;
      pending = false;
      await forgetHandledEvents(tx, last);
    }
    const events = await unhandledEvents(tx, last, batch);
    for (const e of events) await handle(tx, e, now);
    if (events.length > 0)
      await markEventsHandled(
        tx,
        events.map((e) => e.id),
      );
    if (pending) await moveEventCursor(tx, last);
    else await moveEventCursorAndWait(tx, last);
    return events.length;
  });
}

/**
 * Fires the conditions whose delay ran out ("offline for 5 minutes") and ends the self-clearing
 * ones. Locked rows are skipped: two processes never fire one condition twice.
 */
export async function fireDueConditions(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockDueConditions(tx, now, 200);
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
      await markConditionFired(tx, condition.id, now);
    }
    await clearExpiredConditions(tx, now);
    return due.length;
  });
}

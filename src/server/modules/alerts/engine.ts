import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import type { DomainEventType } from '../../../shared/events.js';
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
import { alertWasMessaged } from './firing-repository.js';
import { flushDueGroups, newPass, recordFiring, type FiringPass } from './grouping.js';
import { summarizeEndedWindows } from './maintenance-summary.js';
import { forgetEndedPeriods, sendRateSummaries } from './rate-limit.js';

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
async function fireNow(tx: Tx, pass: FiringPass, e: EventRow, event: AlertEvent) {
  for (const rule of await rulesForEvent(tx, e.account_id, event, e.company_id))
    await recordFiring(tx, pass, rule, occurrenceOf(e), 'alert', null);
}

/**
 * A condition begins (device offline, request waiting, limit reached). While one is open for the
 * rule and subject, more events are duplicates and are only counted. Due at once fires at once.
 */
async function openCondition(tx: Tx, pass: FiringPass, e: EventRow, event: AlertEvent, subjectKey: string) {
  const { now } = pass;
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
      await recordFiring(tx, pass, rule, occurrenceOf(e), 'alert', subjectKey);
      await markConditionFired(tx, opened.id, now);
    } else {
      // a tick at the moment it is due, so the alert is not up to a minute late (the cron stays the safety net)
      await sendJob(tx, queues.alertsTick, {}, { startAfter: dueAt });
    }
  }
}

/**
 * A condition ends (device back, request taken): a recovery notice if its alert went out (not
 * held or dropped by a maintenance window), silence otherwise.
 */
async function clearCondition(tx: Tx, pass: FiringPass, e: EventRow, event: AlertEvent, subjectKey: string) {
  for (const condition of await clearConditions(tx, e.account_id, event, subjectKey, pass.now)) {
    if (!condition.firedAt) continue;
    if (!(await alertWasMessaged(tx, condition.ruleId, subjectKey, condition.startedAt))) continue;
    const rule = await findRuleWithState(tx, condition.ruleId);
    // the notice says when the condition began
    if (rule?.enabled)
      await recordFiring(
        tx,
        pass,
        rule,
        { ...occurrenceOf(e), payload: { ...(condition.payload as object), ...e.payload }, at: condition.startedAt },
        'recovery',
        subjectKey,
      );
  }
}
type Handler = (tx: Tx, pass: FiringPass, e: EventRow, subject: string) => Promise<void>;

/** What each domain event means to the rules; the other types mean nothing to them. */
const handlers: Partial<Record<DomainEventType, Handler>> = {
  'device.offline': (tx, pass, e, subject) => openCondition(tx, pass, e, 'device_offline', `device:${subject}`),
  'device.online': async (tx, pass, e, subject) => {
    await clearCondition(tx, pass, e, 'device_offline', `device:${subject}`);
    await fireNow(tx, pass, e, 'device_online');
  },
  'device.enrolled': (tx, pass, e) => fireNow(tx, pass, e, 'device_enrolled'),
  'request.created': (tx, pass, e, subject) => openCondition(tx, pass, e, 'request_waiting', `request:${subject}`),
  'request.accepted': (tx, pass, e, subject) => clearCondition(tx, pass, e, 'request_waiting', `request:${subject}`),
  'request.closed': (tx, pass, e, subject) => clearCondition(tx, pass, e, 'request_waiting', `request:${subject}`),
  'question.created': async (tx, pass, e, subject) => {
    await clearCondition(tx, pass, e, 'request_waiting', `request:${subject}`);
    await fireNow(tx, pass, e, 'question_created');
  },
  'session.started': (tx, pass, e) => fireNow(tx, pass, e, 'session_started'),
  'session.ended': (tx, pass, e) => fireNow(tx, pass, e, 'session_ended'),
  'licence.seat_limit_reached': (tx, pass, e) =>
    openCondition(tx, pass, e, 'seat_limit_reached', `seats:${String(e.payload.module ?? '')}`),
  'licence.device_limit_reached': (tx, pass, e) => openCondition(tx, pass, e, 'device_limit_reached', 'devices'),
  'auth.signin_throttled': (tx, pass, e, subject) =>
    openCondition(tx, pass, e, 'signin_throttled', `signin:${String(e.payload.email ?? subject)}`),
};

/**
 * Whether an event of this type can make the rules act: only these wake the engine at once. The
 * others (a script's results, a chat's messages…) are read and passed over with the next batch.
 */
export function concernsAlerts(type: DomainEventType): boolean {
  return handlers[type] !== undefined;
}

async function handle(tx: Tx, pass: FiringPass, e: EventRow): Promise<void> {
  await handlers[e.type as DomainEventType]?.(tx, pass, e, e.subject_id ?? '');
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
    const pass = newPass(now);
    for (const e of events) await handle(tx, pass, e);
    if (events.length > 0)
      await markEventsHandled(
        tx,
        events.map((e) => e.id),
      );
    if (pending) await moveEventCursor(tx, last);
    // a full batch may leave visible events unread above it: the cursor may only wait on what was read
    else await moveEventCursorAndWait(tx, last, events.length === batch ? events[events.length - 1]!.id : null);
    return events.length;
  });
}

/** Where the console is reached, for the links in alert messages (the worker passes the configured address). */
export interface AlertLinks {
  publicUrl?: string;
}

/**
 * Fires the conditions whose delay ran out ("offline for 5 minutes") and ends the self-clearing
 * ones; then sends what is due: rate-limit summaries of periods that ended, summaries of
 * maintenance windows that ended, and the groups whose window ended. Locked rows are skipped: two
 * processes never fire one condition or send one group twice. Returns the conditions fired.
 */
export async function fireDueConditions(
  db: Db,
  now = new Date(),
  { publicUrl = 'http://localhost:3000' }: AlertLinks = {},
): Promise<number> {
  const fired = await db.transaction(async (tx) => {
    const due = await lockDueConditions(tx, now, 500);
    const pass = newPass(now);
    for (const { condition, rule } of due) {
      await recordFiring(
        tx,
        pass,
        rule,
        {
          companyId: condition.companyId,
          payload: condition.payload as Record<string, unknown>,
          subjectId: condition.subjectKey.split(':')[1] ?? null,
          at: condition.startedAt,
        },
        'alert',
        condition.subjectKey,
      );
      await markConditionFired(tx, condition.id, now);
    }
    await clearExpiredConditions(tx, now);
    return due.length;
  });
  await sendDueAlerts(db, now, publicUrl);
  return fired;
}

/** Rate-limit summaries, maintenance summaries and the groups due, each batch in its own transaction. */
export async function sendDueAlerts(db: Db, now: Date, publicUrl: string): Promise<void> {
  await db.transaction(async (tx) => {
    await sendRateSummaries(tx, now, publicUrl);
    await forgetEndedPeriods(tx, now);
  });
  await db.transaction((tx) => summarizeEndedWindows(tx, now, publicUrl));
  while ((await db.transaction((tx) => flushDueGroups(tx, now, publicUrl))) > 0);
}

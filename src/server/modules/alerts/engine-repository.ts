import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import type { DomainEventType } from '../../../shared/events.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { contactCompanies, contactMethods, contacts } from '../contacts/tables.js';
import type { AlertRuleRow } from './send.js';
import { alertConditions, alertRuleCompanies, alertRuleRecipients, alertRules } from './tables.js';

/** What the alert engine reads and writes: domain events and their cursor, rules by event, conditions, recipients. */

export type EventRow = {
  id: string;
  account_id: string;
  company_id: string | null;
  type: DomainEventType;
  subject_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
};

export type AlertConditionRow = typeof alertConditions.$inferSelect;

const ruleFields = {
  id: alertRules.id,
  accountId: alertRules.accountId,
  name: alertRules.name,
  event: alertRules.event,
  delayMinutes: alertRules.delayMinutes,
  urgent: alertRules.urgent,
};

/** The rules of an account for an event kind, enabled, that watch the event's company (or every rule for account-wide events). */
export async function rulesForEvent(
  tx: Queryable,
  accountId: string,
  event: AlertEvent,
  companyId: string | null,
): Promise<AlertRuleRow[]> {
  return tx
    .select(ruleFields)
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

/** A rule by id, with whether it is enabled (a recovery notice goes out only for an enabled one). */
export async function findRuleWithState(
  tx: Queryable,
  ruleId: string,
): Promise<(AlertRuleRow & { enabled: boolean }) | null> {
  const [rule] = await tx
    .select({ ...ruleFields, enabled: alertRules.enabled })
    .from(alertRules)
    .where(eq(alertRules.id, ruleId));
  return rule ?? null;
}

/** Opens a condition for a rule and subject; null when one is open already (the unique index keeps one). */
export async function openConditionOnce(
  tx: Queryable,
  values: typeof alertConditions.$inferInsert,
): Promise<AlertConditionRow | null> {
  const [opened] = await tx.insert(alertConditions).values(values).onConflictDoNothing().returning();
  return opened ?? null;
}

/** One more event for the open condition of a rule and subject: a duplicate, counted, not sent. */
export async function countDuplicate(tx: Queryable, ruleId: string, subjectKey: string): Promise<void> {
  await tx
    .update(alertConditions)
    .set({ duplicates: sql`${alertConditions.duplicates} + 1` })
    .where(
      and(
        eq(alertConditions.ruleId, ruleId),
        eq(alertConditions.subjectKey, subjectKey),
        isNull(alertConditions.clearedAt),
      ),
    );
}

export async function markConditionFired(tx: Queryable, conditionId: string, now: Date): Promise<void> {
  await tx.update(alertConditions).set({ firedAt: now }).where(eq(alertConditions.id, conditionId));
}

/** Clears the open conditions of an account's subject for the rules of an event kind; returns them. */
export async function clearConditions(
  tx: Queryable,
  accountId: string,
  event: AlertEvent,
  subjectKey: string,
  now: Date,
): Promise<AlertConditionRow[]> {
  return tx
    .update(alertConditions)
    .set({ clearedAt: now })
    .where(
      and(
        eq(alertConditions.accountId, accountId),
        eq(alertConditions.subjectKey, subjectKey),
        isNull(alertConditions.clearedAt),
        sql`${alertConditions.ruleId} in (select id from ${alertRules} where event = ${event})`,
      ),
    )
    .returning();
}

/** Open conditions not yet fired whose delay ran out, with their enabled rule, locked (rows taken elsewhere skipped). */
export async function lockDueConditions(tx: Queryable, now: Date, limit: number) {
  return tx
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
    .limit(limit)
    .for('update', { of: alertConditions, skipLocked: true });
}

/** Ends the self-clearing conditions whose time is over. */
export async function clearExpiredConditions(tx: Queryable, now: Date): Promise<void> {
  await tx
    .update(alertConditions)
    .set({ clearedAt: now })
    .where(and(isNull(alertConditions.clearedAt), lte(alertConditions.expiresAt, now)));
}

export type EventCursorRow = {
  last_event_id: string;
  pending_event_id: string | null;
  pending_xmax: string | null;
  pending_settled: boolean;
};

/**
 * The event cursor, locked `FOR UPDATE SKIP LOCKED` (null when another process holds it), and whether
 * its pending id is settled: every transaction running when it was seen has ended, `settleSeconds` ago at least.
 */
export async function lockEventCursor(tx: Queryable, settleSeconds: number): Promise<EventCursorRow | null> {
  const result = await tx.execute<EventCursorRow>(sql`
        select last_event_id, pending_event_id, pending_xmax,
          pending_event_id is not null and pending_xmax is not null
            and pg_snapshot_xmin(pg_current_snapshot())::text::bigint >= pending_xmax
            and pending_at <= now() - make_interval(secs => ${settleSeconds}) as pending_settled
        from alert_cursor where id = 1 for update skip locked`);
  return result.rows[0] ?? null;
}

/** Handled-event marks at or below the cursor are no longer needed. */
export async function forgetHandledEvents(tx: Queryable, upTo: string): Promise<void> {
  await tx.execute(sql`delete from alert_handled_events where event_id <= ${upTo}::bigint`);
}

/** Domain events above the cursor not yet handled, oldest first. */
export async function unhandledEvents(tx: Queryable, after: string, batch: number): Promise<EventRow[]> {
  const events = await tx.execute<EventRow>(sql`
      select id, account_id, company_id, type, subject_id, payload, occurred_at from domain_events d
      where id > ${after}::bigint and not exists (select 1 from alert_handled_events h where h.event_id = d.id)
      order by id limit ${batch}`);
  return events.rows.map((e) => ({ ...e, occurred_at: new Date(e.occurred_at) }));
}

export async function markEventsHandled(tx: Queryable, ids: readonly string[]): Promise<void> {
  await tx.execute(sql`insert into alert_handled_events (event_id) select unnest(${`{${ids.join(',')}}`}::bigint[])`);
}

/** Moves the cursor, keeping the id it waits on. */
export async function moveEventCursor(tx: Queryable, last: string): Promise<void> {
  await tx.execute(sql`update alert_cursor set last_event_id = ${last}::bigint, updated_at = now() where id = 1`);
}

/**
 * Moves the cursor and waits on an id every visible event up to which is handled — the largest id
 * of a full batch just handled (visible ids beyond it may not be read yet), else the highest id
 * visible now — with the next transaction id after this statement: once every transaction below
 * it has ended, no smaller id can still appear.
 */
export async function moveEventCursorAndWait(tx: Queryable, last: string, handledUpTo: string | null): Promise<void> {
  await tx.execute(sql`
        update alert_cursor set last_event_id = ${last}::bigint,
          pending_event_id = coalesce(${handledUpTo}::bigint, (select max(id) from domain_events where id > ${last}::bigint)),
          pending_xmax = pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
          pending_at = now(), updated_at = now()
        where id = 1`);
}

/**
 * A rule's recipients with their enabled, verified (or primary) methods; contacts limited to some
 * companies only when the occurrence's company is one of theirs.
 */
export async function recipientMethodsOf(tx: Queryable, ruleId: string, companyId: string | null) {
  return tx
    .select({ contact: contacts, method: contactMethods, methodTypes: alertRuleRecipients.methodTypes })
    .from(alertRuleRecipients)
    .innerJoin(contacts, eq(contacts.id, alertRuleRecipients.contactId))
    .innerJoin(contactMethods, eq(contactMethods.contactId, contacts.id))
    .where(
      and(
        eq(alertRuleRecipients.ruleId, ruleId),
        eq(contactMethods.enabled, true),
        or(sql`${contactMethods.verifiedAt} is not null`, eq(contactMethods.primary, true)),
        companyId
          ? or(
              eq(contacts.allCompanies, true),
              sql`exists (select 1 from ${contactCompanies} cc where cc.contact_id = ${contacts.id} and cc.company_id = ${companyId})`,
            )
          : undefined,
      ),
    )
    .orderBy(contacts.id, contactMethods.createdAt);
}

/** A company's name, '' when it is gone. */
export async function companyNameOf(tx: Queryable, companyId: string): Promise<string> {
  const [row] = await tx
    .select({ name: companies.name })
    .from(companies)
    .where(inArray(companies.id, [companyId]));
  return row?.name ?? '';
}

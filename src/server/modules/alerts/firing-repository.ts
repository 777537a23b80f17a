import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { contactMethods, contacts } from '../contacts/tables.js';
import { alertFirings, alertGroups, alertRuleRecipients, alertRules, maintenanceWindows } from './tables.js';

/** What the grouping engine reads and writes: firings (the alert history), groups, the maintenance windows in force. */

export type AlertFiringRow = typeof alertFirings.$inferSelect;
export type AlertGroupRow = typeof alertGroups.$inferSelect;

/** The maintenance window holding (first) or dropping a company's alerts at `at`, if any. */
export async function windowInForce(
  tx: Queryable,
  accountId: string,
  companyId: string,
  at: Date,
): Promise<{ id: string; mode: 'hold' | 'drop' } | null> {
  const [row] = await tx
    .select({ id: maintenanceWindows.id, mode: maintenanceWindows.mode })
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.accountId, accountId),
        eq(maintenanceWindows.companyId, companyId),
        lte(maintenanceWindows.startsAt, at),
        sql`${maintenanceWindows.endsAt} > ${at.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(sql`${maintenanceWindows.mode} = 'hold' desc`)
    .limit(1);
  return row ?? null;
}

export async function insertFiring(tx: Queryable, values: typeof alertFirings.$inferInsert): Promise<void> {
  await tx.insert(alertFirings).values(values);
}

/**
 * The open group of a rule and kind, opened now (due after the window) when there is none; `opened`
 * says which. An open group found is share-locked to the end of the transaction: it cannot be sent
 * (the sender skips locked groups) before the firing joining it is committed.
 */
export async function openGroupOf(
  tx: Queryable,
  values: { accountId: string; ruleId: string; kind: string; openedAt: Date; dueAt: Date },
): Promise<{ group: AlertGroupRow; opened: boolean }> {
  const [opened] = await tx.insert(alertGroups).values(values).onConflictDoNothing().returning();
  if (opened) return { group: opened, opened: true };
  const [open] = await tx
    .select()
    .from(alertGroups)
    .where(and(eq(alertGroups.ruleId, values.ruleId), eq(alertGroups.kind, values.kind), isNull(alertGroups.sentAt)))
    .for('share');
  if (!open) throw new Error('alert group neither inserted nor found');
  return { group: open, opened: false };
}

/** Groups whose window ended, with their rule, locked (groups taken by another process skipped). */
export async function lockDueGroups(tx: Queryable, now: Date, limit: number) {
  return tx
    .select({ group: alertGroups, rule: alertRules })
    .from(alertGroups)
    .innerJoin(alertRules, eq(alertRules.id, alertGroups.ruleId))
    .where(and(isNull(alertGroups.sentAt), lte(alertGroups.dueAt, now)))
    .orderBy(alertGroups.dueAt)
    .limit(limit)
    .for('update', { of: alertGroups, skipLocked: true });
}

export async function markGroupSent(tx: Queryable, groupId: string, now: Date): Promise<void> {
  await tx.update(alertGroups).set({ sentAt: now }).where(eq(alertGroups.id, groupId));
}

export async function firingsOfGroup(tx: Queryable, groupId: string): Promise<AlertFiringRow[]> {
  return tx
    .select()
    .from(alertFirings)
    .where(eq(alertFirings.groupId, groupId))
    .orderBy(asc(alertFirings.occurredAt), asc(alertFirings.subject));
}

/** Whether the alert of a condition was messaged (grouped, or in a maintenance summary): a recovery notice follows only then. */
export async function alertWasMessaged(
  tx: Queryable,
  ruleId: string,
  subjectKey: string,
  occurredAt: Date,
): Promise<boolean> {
  const [row] = await tx
    .select({ state: alertFirings.state })
    .from(alertFirings)
    .where(
      and(
        eq(alertFirings.ruleId, ruleId),
        eq(alertFirings.subjectKey, subjectKey),
        eq(alertFirings.kind, 'alert'),
        eq(alertFirings.occurredAt, occurredAt),
      ),
    )
    .limit(1);
  // a condition fired before firings were recorded was messaged then
  return !row || row.state === 'grouped' || row.state === 'summarized';
}

/**
 * Recipients of some rules with their enabled, verified (or primary) methods of the kinds each rule
 * uses, and the companies each contact hears about (null: every company).
 */
export async function recipientsOfRules(tx: Queryable, ruleIds: readonly string[]) {
  if (ruleIds.length === 0) return [];
  const rows = await tx
    .select({
      ruleId: alertRuleRecipients.ruleId,
      methodTypes: alertRuleRecipients.methodTypes,
      contact: {
        id: contacts.id,
        language: contacts.language,
        timeZone: contacts.timeZone,
        quietStart: contacts.quietStart,
        quietEnd: contacts.quietEnd,
        allCompanies: contacts.allCompanies,
      },
      method: { id: contactMethods.id, type: contactMethods.type, value: contactMethods.value },
      companyIds: sql<
        string[]
      >`(select coalesce(array_agg(cc.company_id), '{}') from contact_companies cc where cc.contact_id = ${contacts.id})`,
    })
    .from(alertRuleRecipients)
    .innerJoin(contacts, eq(contacts.id, alertRuleRecipients.contactId))
    .innerJoin(contactMethods, eq(contactMethods.contactId, contacts.id))
    .where(
      and(
        inArray(alertRuleRecipients.ruleId, [...ruleIds]),
        eq(contactMethods.enabled, true),
        sql`(${contactMethods.verifiedAt} is not null or ${contactMethods.primary})`,
      ),
    )
    .orderBy(contacts.id, contactMethods.createdAt);
  return rows
    .filter((r) => r.methodTypes.includes(r.method.type))
    .map((r) => ({ ...r, companies: r.contact.allCompanies ? null : new Set(r.companyIds) }));
}

/** Company names by id. */
export async function companyNames(tx: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.execute<{ id: string; name: string }>(
    sql`select id, name from companies where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

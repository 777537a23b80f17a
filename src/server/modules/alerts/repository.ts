import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { contactMethods, contacts } from '../contacts/tables.js';
import { alertConditions, alertRuleCompanies, alertRuleRecipients, alertRules } from './tables.js';

/** Runs lazy query builders one after the other: a transaction's one connection takes one query at a time. */
async function inTurn<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export type AlertRuleRecord = typeof alertRules.$inferSelect;
export type AlertRuleFull = AlertRuleRecord & {
  companies: { id: string; name: string }[];
  recipients: { contactId: string; name: string; methodTypes: string[] }[];
  openConditions: number;
  lastFiredAt: Date | null;
};

/** Rules a caller limited to some companies may see: watching all companies, or one of theirs. */
export function ruleVisibleTo(companyIds: readonly string[] | null): SQL | undefined {
  if (companyIds === null) return undefined;
  if (companyIds.length === 0) return eq(alertRules.allCompanies, true);
  return or(
    eq(alertRules.allCompanies, true),
    sql`exists (select 1 from ${alertRuleCompanies} rc where rc.rule_id = ${alertRules.id} and rc.company_id in (${sql.join(
      companyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  );
}

/** Companies, recipients and condition counts of a set of rules, in three queries. */
async function withParts(db: Queryable, accountId: string, rows: AlertRuleRecord[]): Promise<AlertRuleFull[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, recipients, conditions] = await inTurn([
    db
      .select({ ruleId: alertRuleCompanies.ruleId, id: companies.id, name: companies.name })
      .from(alertRuleCompanies)
      .innerJoin(companies, eq(companies.id, alertRuleCompanies.companyId))
      .where(and(eq(alertRuleCompanies.accountId, accountId), inArray(alertRuleCompanies.ruleId, ids)))
      .orderBy(asc(companies.name)),
    db
      .select({
        ruleId: alertRuleRecipients.ruleId,
        contactId: contacts.id,
        name: contacts.name,
        methodTypes: alertRuleRecipients.methodTypes,
      })
      .from(alertRuleRecipients)
      .innerJoin(contacts, eq(contacts.id, alertRuleRecipients.contactId))
      .where(and(eq(alertRuleRecipients.accountId, accountId), inArray(alertRuleRecipients.ruleId, ids)))
      .orderBy(asc(contacts.name)),
    db
      .select({
        ruleId: alertConditions.ruleId,
        open: sql<number>`count(*) filter (where ${alertConditions.clearedAt} is null)::int`,
        lastFiredAt: sql<string | null>`max(${alertConditions.firedAt})`,
      })
      .from(alertConditions)
      .where(and(eq(alertConditions.accountId, accountId), inArray(alertConditions.ruleId, ids)))
      .groupBy(alertConditions.ruleId),
  ]);
  return rows.map((r) => {
    const c = conditions.find((x) => x.ruleId === r.id);
    return {
      ...r,
      companies: links.filter((l) => l.ruleId === r.id).map(({ id, name }) => ({ id, name })),
      recipients: recipients
        .filter((x) => x.ruleId === r.id)
        .map(({ contactId, name, methodTypes }) => ({ contactId, name, methodTypes })),
      openConditions: c?.open ?? 0,
      lastFiredAt: c?.lastFiredAt ? new Date(c.lastFiredAt) : null,
    };
  });
}

export async function listRules(
  db: Queryable,
  accountId: string,
  visible: readonly string[] | null,
  { limit, after }: { limit: number; after: [string, string] | null },
) {
  const sortName = sql<string>`lower(${alertRules.name})`;
  const rows = await db
    .select({ rule: alertRules, sortName })
    .from(alertRules)
    .where(
      and(
        eq(alertRules.accountId, accountId),
        ruleVisibleTo(visible),
        after ? or(gt(sortName, after[0]), and(eq(sortName, after[0]), gt(alertRules.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(alertRules.id))
    .limit(limit + 1);
  const sortNames = new Map(rows.map((r) => [r.rule.id, r.sortName]));
  const full = await withParts(
    db,
    accountId,
    rows.map((r) => r.rule),
  );
  return full.map((r) => ({ ...r, sortName: sortNames.get(r.id) ?? '' }));
}

export async function findRule(
  db: Queryable,
  accountId: string,
  ruleId: string,
  visible: readonly string[] | null,
  { forUpdate = false } = {},
): Promise<AlertRuleFull | null> {
  const query = db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.accountId, accountId), eq(alertRules.id, ruleId), ruleVisibleTo(visible)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: alertRules }) : await query;
  return row ? ((await withParts(db, accountId, [row]))[0] ?? null) : null;
}

export async function replaceRuleCompanies(
  db: Queryable,
  accountId: string,
  ruleId: string,
  companyIds: readonly string[],
) {
  await db.delete(alertRuleCompanies).where(eq(alertRuleCompanies.ruleId, ruleId));
  if (companyIds.length)
    await db.insert(alertRuleCompanies).values(companyIds.map((companyId) => ({ accountId, ruleId, companyId })));
}

export async function replaceRuleRecipients(
  db: Queryable,
  accountId: string,
  ruleId: string,
  recipients: readonly { contactId: string; methodTypes: string[] }[],
) {
  await db.delete(alertRuleRecipients).where(eq(alertRuleRecipients.ruleId, ruleId));
  if (recipients.length)
    await db.insert(alertRuleRecipients).values(
      recipients.map((r) => ({
        accountId,
        ruleId,
        contactId: r.contactId,
        methodTypes: [...new Set(r.methodTypes)],
      })),
    );
}

/** Rules sending to a contact: shown before the contact is deleted. */
export async function rulesUsingContact(db: Queryable, accountId: string, contactId: string) {
  return db
    .select({ id: alertRules.id, name: alertRules.name })
    .from(alertRuleRecipients)
    .innerJoin(alertRules, eq(alertRules.id, alertRuleRecipients.ruleId))
    .where(and(eq(alertRuleRecipients.accountId, accountId), eq(alertRuleRecipients.contactId, contactId)))
    .orderBy(asc(alertRules.name));
}

/** Open conditions end when their rule changes what it watches: they would no longer mean the same. */
export async function clearOpenConditions(db: Queryable, ruleId: string) {
  await db
    .update(alertConditions)
    .set({ clearedAt: sql`now()` })
    .where(and(eq(alertConditions.ruleId, ruleId), isNull(alertConditions.clearedAt)));
}

export async function insertRule(db: Queryable, values: typeof alertRules.$inferInsert): Promise<AlertRuleRecord> {
  const [row] = await db.insert(alertRules).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function setRuleAllCompanies(db: Queryable, ruleId: string, allCompanies: boolean): Promise<void> {
  await db.update(alertRules).set({ allCompanies }).where(eq(alertRules.id, ruleId));
}

/** Changes a rule's fields; its `updated_at` becomes now. */
export async function updateRuleRow(
  db: Queryable,
  accountId: string,
  ruleId: string,
  patch: Partial<Pick<AlertRuleRecord, 'name' | 'event' | 'delayMinutes' | 'urgent' | 'enabled'>>,
): Promise<void> {
  await db
    .update(alertRules)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(alertRules.accountId, accountId), eq(alertRules.id, ruleId)));
}

export async function deleteRuleRow(db: Queryable, accountId: string, ruleId: string): Promise<void> {
  await db.delete(alertRules).where(and(eq(alertRules.accountId, accountId), eq(alertRules.id, ruleId)));
}

/** The methods of some contacts: kind, enabled, and whether alerts can use it (enabled, and verified or primary). */
export async function methodStatesOf(db: Queryable, contactIds: readonly string[]) {
  if (contactIds.length === 0) return [];
  return db
    .select({
      contactId: contactMethods.contactId,
      type: contactMethods.type,
      enabled: contactMethods.enabled,
      deliverable: sql<boolean>`${contactMethods.enabled} and (${contactMethods.verifiedAt} is not null or ${contactMethods.primary})`,
    })
    .from(contactMethods)
    .where(inArray(contactMethods.contactId, [...contactIds]));
}

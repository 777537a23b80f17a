import { and, count, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import type { MatchingRule } from './decide.js';
import { groupDisabledUsers, groupRuleCompanies, groupRules } from './tables.js';

export interface GroupRuleRow {
  id: string;
  groupName: string;
  role: MatchingRule['role'];
  allCompanies: boolean;
  companies: Array<{ id: string; name: string }>;
  updatedAt: Date;
}

const companiesOfRule = sql<Array<{ id: string; name: string }>>`coalesce((
  select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name, c.id)
  from ${groupRuleCompanies} grc join ${companies} c on c.id = grc.company_id
  where grc.rule_id = "group_rules"."id"), '[]'::json)`;

const ruleColumns = {
  id: groupRules.id,
  groupName: groupRules.groupName,
  role: groupRules.role,
  allCompanies: groupRules.allCompanies,
  companies: companiesOfRule,
  updatedAt: groupRules.updatedAt,
};

/** Every rule of an account with its companies' names, by group name: one statement. */
export async function listRules(db: Queryable, accountId: string): Promise<GroupRuleRow[]> {
  return db
    .select(ruleColumns)
    .from(groupRules)
    .where(eq(groupRules.accountId, accountId))
    .orderBy(sql`lower(${groupRules.groupName})`, groupRules.id);
}

export async function findRule(
  db: Queryable,
  accountId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<GroupRuleRow | null> {
  const query = db
    .select(ruleColumns)
    .from(groupRules)
    .where(and(eq(groupRules.accountId, accountId), eq(groupRules.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Whether another rule of the account names this group (case aside). */
export async function groupNameTaken(db: Queryable, accountId: string, groupName: string, exceptId?: string) {
  const [row] = await db
    .select({ id: groupRules.id })
    .from(groupRules)
    .where(
      and(
        eq(groupRules.accountId, accountId),
        sql`lower(${groupRules.groupName}) = lower(${groupName})`,
        exceptId ? sql`${groupRules.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertRule(
  db: Queryable,
  values: { accountId: string; groupName: string; role: MatchingRule['role']; allCompanies: boolean },
): Promise<string> {
  const [row] = await db.insert(groupRules).values(values).returning({ id: groupRules.id });
  return row!.id;
}

export async function updateRule(
  db: Queryable,
  id: string,
  patch: Partial<{ groupName: string; role: MatchingRule['role']; allCompanies: boolean }>,
): Promise<void> {
  await db
    .update(groupRules)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(groupRules.id, id));
}

export async function replaceRuleCompanies(
  db: Queryable,
  accountId: string,
  ruleId: string,
  companyIds: readonly string[],
): Promise<void> {
  await db.delete(groupRuleCompanies).where(eq(groupRuleCompanies.ruleId, ruleId));
  if (companyIds.length > 0)
    await db.insert(groupRuleCompanies).values(companyIds.map((companyId) => ({ ruleId, accountId, companyId })));
}

export async function deleteRule(db: Queryable, id: string): Promise<void> {
  await db.delete(groupRules).where(eq(groupRules.id, id));
}

/**
 * How many rules the account has, and those naming one of these groups (case aside) with their
 * companies: one statement.
 */
export async function rulesForGroups(
  db: Queryable,
  accountId: string,
  groups: readonly string[],
): Promise<{ ruleCount: number; matching: MatchingRule[] }> {
  const lowered = [...new Set(groups.map((g) => g.toLowerCase()))];
  const rows = await db
    .select({
      ruleCount: sql<number>`(select ${count()} from ${groupRules} where ${groupRules.accountId} = ${accountId})::int`,
      groupName: groupRules.groupName,
      role: groupRules.role,
      allCompanies: groupRules.allCompanies,
      companyIds: sql<string[]>`coalesce((select array_agg(grc.company_id order by grc.company_id)
        from ${groupRuleCompanies} grc where grc.rule_id = "group_rules"."id"), '{}'::uuid[])`,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(
      groupRules,
      and(
        eq(groupRules.accountId, accountId),
        sql`lower(${groupRules.groupName}) = any(${sql.param(lowered)}::text[])`,
      ),
    );
  const ruleCount = rows[0]?.ruleCount ?? 0;
  const matching = rows
    .filter((r): r is typeof r & { groupName: string } => r.groupName !== null)
    .map((r) => ({ groupName: r.groupName, role: r.role!, allCompanies: r.allCompanies!, companyIds: r.companyIds }));
  return { ruleCount, matching };
}

/** Marks a user as disabled by the rules. */
export async function markDisabledByRules(
  db: Queryable,
  accountId: string,
  userId: string,
  previousStatus: 'active' | 'invited',
): Promise<void> {
  await db.insert(groupDisabledUsers).values({ accountId, userId, previousStatus }).onConflictDoNothing();
}

/** Forgets that the rules disabled a user: the status they had before, or null when the rules had not. */
export async function forgetDisabledByRules(db: Queryable, userId: string): Promise<'active' | 'invited' | null> {
  const [row] = await db
    .delete(groupDisabledUsers)
    .where(eq(groupDisabledUsers.userId, userId))
    .returning({ previousStatus: groupDisabledUsers.previousStatus });
  return row?.previousStatus ?? null;
}

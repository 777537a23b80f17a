import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { users } from '../users/tables.js';
import type { Condition } from './filter.js';
import { scimGroupMembers, scimGroups } from './tables.js';
import { isUuid } from './values.js';

export type ScimGroupRow = typeof scimGroups.$inferSelect;
export type ScimGroupRecord = ScimGroupRow & { members: { id: string; display: string }[] };

function conditionSql(condition: Condition<'displayName' | 'externalId' | 'id'>): SQL {
  switch (condition.field) {
    case 'never':
      return sql`false`;
    case 'displayName':
      return sql`lower(${scimGroups.displayName}) = lower(${condition.value})`;
    case 'externalId':
      return eq(scimGroups.externalId, condition.value);
    case 'id':
      return isUuid(condition.value) ? eq(scimGroups.id, condition.value) : sql`false`;
  }
}

async function membersOf(db: Queryable, groupIds: string[]): Promise<Map<string, ScimGroupRecord['members']>> {
  const byGroup = new Map<string, ScimGroupRecord['members']>();
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({ groupId: scimGroupMembers.groupId, id: users.id, display: users.name })
    .from(scimGroupMembers)
    .innerJoin(users, eq(users.id, scimGroupMembers.userId))
    .where(inArray(scimGroupMembers.groupId, groupIds))
    .orderBy(asc(users.createdAt), asc(users.id));
  for (const row of rows) {
    const list = byGroup.get(row.groupId) ?? [];
    list.push({ id: row.id, display: row.display });
    byGroup.set(row.groupId, list);
  }
  return byGroup;
}

/** A page of the account's groups matching the conditions, in a stable order; members only when asked. */
export async function listScimGroups(
  db: Queryable,
  accountId: string,
  conditions: Condition<'displayName' | 'externalId' | 'id'>[],
  offset: number,
  limit: number,
  withMembers: boolean,
): Promise<{ total: number; groups: ScimGroupRecord[] }> {
  const where = and(eq(scimGroups.accountId, accountId), ...conditions.map(conditionSql));
  const [totalRow] = await db.select({ total: count() }).from(scimGroups).where(where);
  const rows =
    limit === 0
      ? []
      : await db
          .select()
          .from(scimGroups)
          .where(where)
          .orderBy(asc(scimGroups.createdAt), asc(scimGroups.id))
          .offset(offset)
          .limit(limit);
  const members = withMembers
    ? await membersOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  return { total: totalRow?.total ?? 0, groups: rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] })) };
}

/** One of the account's groups with its members, locked for the caller's change when `forUpdate`; null when none such. */
export async function findScimGroup(
  db: Queryable,
  accountId: string,
  id: string,
  forUpdate = false,
): Promise<ScimGroupRecord | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(scimGroups)
    .where(and(eq(scimGroups.accountId, accountId), eq(scimGroups.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) return null;
  const members = await membersOf(db, [row.id]);
  return { ...row, members: members.get(row.id) ?? [] };
}

export async function insertScimGroup(
  db: Queryable,
  values: { accountId: string; displayName: string; externalId: string | null },
): Promise<ScimGroupRow> {
  const [row] = await db.insert(scimGroups).values(values).returning();
  if (!row) throw new Error('the group was not stored');
  return row;
}

export async function updateScimGroup(
  db: Queryable,
  accountId: string,
  id: string,
  values: { displayName: string; externalId: string | null },
): Promise<void> {
  await db
    .update(scimGroups)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(scimGroups.accountId, accountId), eq(scimGroups.id, id)));
}

export async function deleteScimGroupRow(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.delete(scimGroups).where(and(eq(scimGroups.accountId, accountId), eq(scimGroups.id, id)));
}

/** Makes the group's members exactly these users (already checked to be the account's). */
export async function setScimGroupMembers(
  db: Queryable,
  accountId: string,
  groupId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.delete(scimGroupMembers).where(eq(scimGroupMembers.groupId, groupId));
  if (userIds.length > 0)
    await db.insert(scimGroupMembers).values(userIds.map((userId) => ({ accountId, groupId, userId })));
}

/** Which of these ids are users of the account. */
export async function usersOfAccount(db: Queryable, accountId: string, ids: readonly string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, valid)));
  return new Set(rows.map((r) => r.id));
}

/**
 * What the group rules decide from for a user: the names of the groups they are a member of, and each group's
 * externalId too (Entra ID's object id, which its sign-in tokens carry as the `groups` claim).
 */
export async function groupNamesOf(db: Queryable, accountId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ name: scimGroups.displayName, externalId: scimGroups.externalId })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(and(eq(scimGroupMembers.accountId, accountId), eq(scimGroupMembers.userId, userId)));
  return [...new Set(rows.flatMap((r) => (r.externalId ? [r.name, r.externalId] : [r.name])))];
}

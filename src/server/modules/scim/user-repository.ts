import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { users } from '../users/tables.js';
import type { Condition } from './filter.js';
import { scimGroupMembers, scimGroups, scimUsers } from './tables.js';
import type { ScimUserRecord } from './user-resource.js';
import { isUuid } from './values.js';

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  status: users.status,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  externalId: scimUsers.externalId,
  givenName: scimUsers.givenName,
  familyName: scimUsers.familyName,
};

function conditionSql(condition: Condition<'userName' | 'externalId' | 'id'>): SQL {
  switch (condition.field) {
    case 'never':
      return sql`false`;
    case 'userName':
      return eq(users.email, condition.value.toLowerCase());
    case 'externalId':
      return eq(scimUsers.externalId, condition.value);
    case 'id':
      return isUuid(condition.value) ? eq(users.id, condition.value) : sql`false`;
  }
}

/** The groups of these users, by user. */
async function groupsOf(db: Queryable, userIds: string[]): Promise<Map<string, ScimUserRecord['groups']>> {
  const byUser = new Map<string, ScimUserRecord['groups']>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: scimGroupMembers.userId, id: scimGroups.id, displayName: scimGroups.displayName })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(inArray(scimGroupMembers.userId, userIds))
    .orderBy(asc(scimGroups.displayName));
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    list.push({ id: row.id, displayName: row.displayName });
    byUser.set(row.userId, list);
  }
  return byUser;
}

/**
 * A page of the account's users matching the filter's conditions, in a stable order (created, then id):
 * `offset` is SCIM's startIndex − 1. Two statements and one for their groups.
 */
export async function listScimUsers(
  db: Queryable,
  accountId: string,
  conditions: Condition<'userName' | 'externalId' | 'id'>[],
  offset: number,
  limit: number,
): Promise<{ total: number; users: ScimUserRecord[] }> {
  const where = and(eq(users.accountId, accountId), ...conditions.map(conditionSql));
  const [totalRow] = await db
    .select({ total: count() })
    .from(users)
    .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
    .where(where);
  const rows =
    limit === 0
      ? []
      : await db
          .select(columns)
          .from(users)
          .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
          .where(where)
          .orderBy(asc(users.createdAt), asc(users.id))
          .offset(offset)
          .limit(limit);
  const groups = await groupsOf(
    db,
    rows.map((r) => r.id),
  );
  return { total: totalRow?.total ?? 0, users: rows.map((r) => ({ ...r, groups: groups.get(r.id) ?? [] })) };
}

/** One of the account's users as SCIM sees them; null when there is none such. */
export async function findScimUser(db: Queryable, accountId: string, id: string): Promise<ScimUserRecord | null> {
  if (!isUuid(id)) return null;
  const { users: found } = await listScimUsers(db, accountId, [{ field: 'id', value: id }], 0, 1);
  return found[0] ?? null;
}

/** Keeps what SCIM knows of a user beyond the users table. */
export async function saveScimUser(
  db: Queryable,
  values: {
    userId: string;
    accountId: string;
    externalId: string | null;
    givenName: string | null;
    familyName: string | null;
  },
): Promise<void> {
  const { userId: _userId, accountId: _accountId, ...changes } = values;
  await db.insert(scimUsers).values(values).onConflictDoUpdate({ target: scimUsers.userId, set: changes });
}

/** Whether another user of the account signs in with this e-mail. */
export async function emailTaken(
  db: Queryable,
  accountId: string,
  email: string,
  exceptUserId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.email, email)))
    .limit(1);
  return row !== undefined && row.id !== exceptUserId;
}

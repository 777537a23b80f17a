import { and, asc, eq, exists, ilike, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import type { UserFilter } from '../../../shared/contracts/users.js';
import type { Module } from '../../../shared/licence.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { seatAssignments } from '../seats/tables.js';
import type { UserRow } from '../users/index.js';
import { userCompanies, users } from '../users/tables.js';

/** The users an actor may see: `null` for all of the account's, else those sharing one of these companies. */
export interface UserVisibility {
  actorId: string;
  companyIds: readonly string[] | null;
}

function hasCompany(companyIds: readonly string[]): SQL {
  const shares = companyIds.length
    ? exists(
        sql`(select 1 from ${userCompanies} where ${userCompanies.userId} = ${users.id} and ${inArray(userCompanies.companyId, [...companyIds])})`,
      )
    : sql`false`;
  return or(eq(users.allCompanies, true), eq(users.role, 'administrator'), shares)!;
}

function visibleCondition(visibility: UserVisibility): SQL | undefined {
  if (visibility.companyIds === null) return undefined;
  return or(eq(users.id, visibility.actorId), hasCompany(visibility.companyIds));
}

function seatCondition(module: Module | undefined, hasSeat: boolean | undefined): SQL | undefined {
  if (module === undefined && hasSeat === undefined) return undefined;
  const held = exists(
    sql`(select 1 from ${seatAssignments} where ${seatAssignments.userId} = ${users.id}${module ? sql` and ${seatAssignments.module} = ${module}` : sql``})`,
  );
  return hasSeat === false ? not(held) : held;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(
  accountId: string,
  filter: Omit<UserFilter, 'sort' | 'order'>,
  visibility: UserVisibility,
): SQL | undefined {
  const q = filter.q?.trim();
  return and(
    eq(users.accountId, accountId),
    visibleCondition(visibility),
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.status ? eq(users.status, filter.status) : undefined,
    filter.companyId ? hasCompany([filter.companyId]) : undefined,
    seatCondition(filter.module, filter.hasSeat),
    q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.email, `%${escapeLike(q)}%`)) : undefined,
  );
}

const sortExpressions = {
  name: { expr: sql`lower(${users.name})`, type: sql`text` },
  email: { expr: sql`${users.email}`, type: sql`text` },
  createdAt: { expr: sql`${users.createdAt}`, type: sql`timestamptz` },
} as const;

export type ListedUser = UserRow & { sortKey: string };

/**
 * One page of users, keyset-paginated on (sort key, id). `after` is the sort key and id of the
 * last user of the previous page. Fetches `limit` rows: ask one more to know if a page follows.
 */
export async function listUsers(
  db: Queryable,
  accountId: string,
  filter: UserFilter,
  visibility: UserVisibility,
  limit: number,
  after: [string, string] | null,
): Promise<ListedUser[]> {
  const { expr, type } = sortExpressions[filter.sort];
  const descending = filter.order === 'desc';
  const keyset = after
    ? descending
      ? sql`(${expr}, ${users.id}) < (${after[0]}::${type}, ${after[1]}::uuid)`
      : sql`(${expr}, ${users.id}) > (${after[0]}::${type}, ${after[1]}::uuid)`
    : undefined;
  const rows = await db
    .select({ user: users, sortKey: sql<string>`(${expr})::text` })
    .from(users)
    .where(and(filterConditions(accountId, filter, visibility), keyset))
    .orderBy(descending ? sql`${expr} desc, ${users.id} desc` : sql`${expr} asc, ${users.id} asc`)
    .limit(limit);
  return rows.map((r) => ({ ...r.user, sortKey: r.sortKey }));
}

/** Users of the account by id, in one query (order not kept). */
export async function usersByIds(db: Queryable, accountId: string, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, [...ids])));
}

/** The company access rows of a set of users, in one query. */
export async function companyIdsOf(
  db: Queryable,
  accountId: string,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: userCompanies.userId, companyId: userCompanies.companyId })
    .from(userCompanies)
    .where(and(eq(userCompanies.accountId, accountId), inArray(userCompanies.userId, [...userIds])))
    .orderBy(asc(userCompanies.companyId));
  for (const row of rows) map.get(row.userId)?.push(row.companyId);
  return map;
}

/** The ids of the account's active administrators. */
export async function activeAdministratorIds(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, 'administrator'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/**
 * Locks the rows of the account's active administrators (in id order, so that concurrent
 * callers queue instead of deadlocking) and returns their ids. Whoever then demotes, disables or
 * deletes one of them sees the count as it is after every earlier change commits: two concurrent
 * demotions of the last two administrators cannot both pass.
 */
export async function lockActiveAdministrators(tx: Queryable, accountId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, 'administrator'), eq(users.status, 'active')))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** Locks one user's row for a change. */
export async function lockUser(tx: Queryable, accountId: string, userId: string): Promise<UserRow | null> {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .for('update');
  return row ?? null;
}

/** Replaces a user's company list (empty for users with every company). */
export async function replaceCompanyAccess(
  tx: Queryable,
  accountId: string,
  userId: string,
  companyIds: readonly string[],
): Promise<void> {
  await tx.delete(userCompanies).where(and(eq(userCompanies.accountId, accountId), eq(userCompanies.userId, userId)));
  if (companyIds.length > 0) {
    await tx.insert(userCompanies).values(companyIds.map((companyId) => ({ accountId, userId, companyId })));
  }
}

export async function deleteUserRow(tx: Queryable, accountId: string, userId: string): Promise<void> {
  await tx.delete(users).where(and(eq(users.accountId, accountId), eq(users.id, userId)));
}

export interface CompanyName {
  id: string;
  name: string;
}

/** The account's companies among `ids` (all of them when `ids` is null), by name. */
export async function accountCompanies(
  db: Queryable,
  accountId: string,
  ids: readonly string[] | null,
): Promise<CompanyName[]> {
  if (ids !== null && ids.length === 0) return [];
  return db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.accountId, accountId), ids === null ? undefined : inArray(companies.id, [...ids])))
    .orderBy(sql`lower(${companies.name})`, asc(companies.id));
}

/** Which of these e-mails already belong to a user of the account (other accounts are not looked at). */
export async function takenEmails(db: Queryable, accountId: string, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.email, [...emails])));
  return new Set(rows.map((r) => r.email));
}

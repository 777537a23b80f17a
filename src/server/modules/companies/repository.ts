import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { CompanySort } from '../../../shared/contracts/companies.js';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { uuidArray } from '../../platform/db/uuid-array.js';
import { devices } from '../devices/tables.js';
import { userCompanies, users } from '../users/tables.js';
import { companies, companyLogos } from './tables.js';

export type CompanyRow = typeof companies.$inferSelect;

/** A company with what lists show of it: counts and its logo's description (never the bytes). */
export interface CompanyListRow {
  id: string;
  name: string;
  color: string | null;
  createdAt: Date;
  updatedAt: Date;
  usersCount: number;
  devicesCount: number;
  logo: { contentType: string; size: number; sha256: string; updatedAt: Date } | null;
  /** the value of the sort column, as the cursor carries it */
  sortKey: string | number;
}

export type CompanyDetailRow = CompanyListRow & { dataKey: string; dataKeyRotatedAt: Date | null };

export interface CompanyListFilter {
  accountId: string;
  /** the companies the actor may see; null: all of the account's */
  visible: readonly string[] | null;
  q?: string;
  sort: CompanySort;
  order: 'asc' | 'desc';
}

/** `%` and `_` typed by someone are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The companies of an account with their counts, in one query: users who reach a company are
 * the account's administrators and "all companies" users (counted once) plus those granted it.
 */
function selectWithCounts(accountId: string, where: SQL) {
  return sql`
    select c.id, c.name, c.color, c.created_at, c.updated_at, c.data_key, c.data_key_rotated_at,
      lower(c.name) as name_key,
      (extract(epoch from c.created_at) * 1000000)::bigint as created_key,
      (select count(*) from ${devices} d where d.account_id = c.account_id and d.company_id = c.id)::int as devices_count,
      ((select count(*) from ${users} u where u.account_id = c.account_id and (u.role = 'administrator' or u.all_companies))
        + (select count(*) from ${userCompanies} uc join ${users} u on u.id = uc.user_id
            where uc.account_id = c.account_id and uc.company_id = c.id and u.role <> 'administrator' and not u.all_companies))::int as users_count,
      l.content_type as logo_content_type, l.size as logo_size, l.sha256 as logo_sha256, l.updated_at as logo_updated_at
    from ${companies} c
    left join ${companyLogos} l on l.company_id = c.id and l.account_id = c.account_id
    where c.account_id = ${accountId} and ${where}`;
}

interface RawCompany {
  id: string;
  name: string;
  color: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  data_key: string;
  data_key_rotated_at: string | Date | null;
  name_key: string;
  created_key: string;
  devices_count: number;
  users_count: number;
  logo_content_type: string | null;
  logo_size: number | null;
  logo_sha256: string | null;
  logo_updated_at: string | Date | null;
  [key: string]: unknown;
}

const sortColumns: Record<CompanySort, string> = {
  name: 'name_key',
  createdAt: 'created_key',
  usersCount: 'users_count',
  devicesCount: 'devices_count',
};

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

function fromRaw(row: RawCompany, sort: CompanySort): CompanyDetailRow {
  const sortKey =
    sort === 'name' ? row.name_key : sort === 'createdAt' ? String(row.created_key) : Number(row[sortColumns[sort]]);
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    dataKey: row.data_key,
    dataKeyRotatedAt: row.data_key_rotated_at === null ? null : toDate(row.data_key_rotated_at),
    usersCount: Number(row.users_count),
    devicesCount: Number(row.devices_count),
    logo:
      row.logo_sha256 === null
        ? null
        : {
            contentType: row.logo_content_type!,
            size: Number(row.logo_size),
            sha256: row.logo_sha256,
            updatedAt: toDate(row.logo_updated_at!),
          },
    sortKey,
  };
}

/**
 * One page of companies, keyset-paginated on (sort column, id). `after` is the last item's
 * sort key and id; ties on the sort column are broken by id.
 */
export async function listCompanies(
  db: Queryable,
  filter: CompanyListFilter,
  limit: number,
  after: [string | number, string] | null,
): Promise<CompanyListRow[]> {
  const conditions: SQL[] = [sql`true`];
  if (filter.visible !== null) {
    if (filter.visible.length === 0) return [];
    conditions.push(
      sql`c.id in (${sql.join(
        filter.visible.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  if (filter.q) conditions.push(sql`c.name ilike ${likePattern(filter.q)}`);
  const column = sql.raw(sortColumns[filter.sort]);
  const direction = sql.raw(filter.order === 'desc' ? 'desc' : 'asc');
  const comparison = sql.raw(filter.order === 'desc' ? '<' : '>');
  let keyset = sql`true`;
  if (after) {
    const value =
      filter.sort === 'name'
        ? sql`${String(after[0])}::text`
        : filter.sort === 'createdAt'
          ? sql`${String(after[0])}::bigint`
          : sql`${Number(after[0])}::int`;
    keyset = sql`(s.${column}, s.id) ${comparison} (${value}, ${after[1]}::uuid)`;
  }
  const result = await db.execute<RawCompany>(sql`
    select * from (${selectWithCounts(filter.accountId, sql.join(conditions, sql` and `))}) s
    where ${keyset}
    order by s.${column} ${direction}, s.id ${direction}
    limit ${limit}`);
  return result.rows.map((row) => fromRaw(row, filter.sort));
}

export interface CompanyChoiceRow {
  id: string;
  name: string;
  color: string | null;
  /** the lower-cased name: the sort key */
  sortKey: string;
}

/**
 * One page of companies as choices (names and colours, no counts), keyset-paginated on (lower-cased
 * name, id) through `companies_account_name_key`: what a picker needs, without counting each
 * company's devices and users.
 */
export async function listCompanyChoices(
  db: Queryable,
  filter: { accountId: string; visible: readonly string[] | null; q?: string },
  limit: number,
  after: [string, string] | null,
): Promise<CompanyChoiceRow[]> {
  if (filter.visible !== null && filter.visible.length === 0) return [];
  const result = await db.execute<{ id: string; name: string; color: string | null; name_key: string }>(sql`
    select c.id, c.name, c.color, lower(c.name) as name_key
    from ${companies} c
    where c.account_id = ${filter.accountId}
      and ${filter.visible === null ? sql`true` : sql`c.id = any(${uuidArray(filter.visible)})`}
      and ${filter.q ? sql`c.name ilike ${likePattern(filter.q)}` : sql`true`}
      and ${after ? sql`(lower(c.name), c.id) > (${after[0]}::text, ${after[1]}::uuid)` : sql`true`}
    order by lower(c.name), c.id
    limit ${limit}`);
  return result.rows.map((row) => ({ id: row.id, name: row.name, color: row.color, sortKey: row.name_key }));
}

/** One company of the account with its counts, data key and logo description; null if none such. */
export async function findCompanyDetail(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<CompanyDetailRow | null> {
  const result = await db.execute<RawCompany>(selectWithCounts(accountId, sql`c.id = ${id}`));
  return result.rows[0] ? fromRaw(result.rows[0], 'name') : null;
}

export async function findCompany(db: Queryable, accountId: string, id: string): Promise<CompanyRow | null> {
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.accountId, accountId), eq(companies.id, id)))
    .limit(1);
  return row ?? null;
}

/** The company row, locked until the end of the transaction (deletes, moves, clears). */
export async function lockCompany(db: Queryable, accountId: string, id: string): Promise<CompanyRow | null> {
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.accountId, accountId), eq(companies.id, id)))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Serialises the changes that count an account's companies (the last one cannot go). */
export async function insertCompany(
  db: Queryable,
  accountId: string,
  values: { name: string; color: string | null },
): Promise<CompanyRow> {
  return oneRow(
    await db
      .insert(companies)
      .values({ accountId, ...values })
      .returning(),
    'insert company',
  );
}

export async function updateCompany(
  db: Queryable,
  accountId: string,
  id: string,
  patch: Partial<Pick<CompanyRow, 'name' | 'color'>>,
): Promise<CompanyRow | null> {
  const [row] = await db
    .update(companies)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(companies.accountId, accountId), eq(companies.id, id)))
    .returning();
  return row ?? null;
}

export async function setDataKey(
  db: Queryable,
  accountId: string,
  id: string,
  dataKey: string,
): Promise<CompanyRow | null> {
  const [row] = await db
    .update(companies)
    .set({ dataKey, dataKeyRotatedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(companies.accountId, accountId), eq(companies.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteCompany(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.delete(companies).where(and(eq(companies.accountId, accountId), eq(companies.id, id)));
}

export async function countCompanies(db: Queryable, accountId: string): Promise<number> {
  return oneRow(
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(companies)
      .where(eq(companies.accountId, accountId)),
    'count companies',
  ).n;
}

/**
 * Users whose only company is this one: deleting it would leave them with none.
 * Administrators and "all companies" users have every company and never count.
 */
export async function usersOnlyIn(
  db: Queryable,
  accountId: string,
  companyId: string,
): Promise<{ id: string; name: string; email: string }[]> {
  const result = await db.execute<{ id: string; name: string; email: string }>(sql`
    select u.id, u.name, u.email
    from ${userCompanies} uc join ${users} u on u.id = uc.user_id
    where uc.account_id = ${accountId} and uc.company_id = ${companyId}
      and u.account_id = ${accountId} and u.role <> 'administrator' and not u.all_companies
      and not exists (select 1 from ${userCompanies} other where other.user_id = u.id and other.company_id <> ${companyId})
    order by lower(u.name), u.id`);
  return result.rows;
}

// --- logos -------------------------------------------------------------------------------

export type LogoRow = typeof companyLogos.$inferSelect;

export async function findLogo(db: Queryable, accountId: string, companyId: string): Promise<LogoRow | null> {
  const [row] = await db
    .select()
    .from(companyLogos)
    .where(and(eq(companyLogos.accountId, accountId), eq(companyLogos.companyId, companyId)))
    .limit(1);
  return row ?? null;
}

/** The logo's description without its bytes. */
export async function findLogoInfo(db: Queryable, accountId: string, companyId: string) {
  const [row] = await db
    .select({
      contentType: companyLogos.contentType,
      size: companyLogos.size,
      sha256: companyLogos.sha256,
      updatedAt: companyLogos.updatedAt,
    })
    .from(companyLogos)
    .where(and(eq(companyLogos.accountId, accountId), eq(companyLogos.companyId, companyId)))
    .limit(1);
  return row ?? null;
}

export async function upsertLogo(
  db: Queryable,
  accountId: string,
  companyId: string,
  logo: { contentType: string; bytes: Buffer; sha256: string },
) {
  const values = {
    accountId,
    companyId,
    contentType: logo.contentType,
    bytes: logo.bytes,
    size: logo.bytes.length,
    sha256: logo.sha256,
  };
  return oneRow(
    await db
      .insert(companyLogos)
      .values(values)
      .onConflictDoUpdate({
        target: companyLogos.companyId,
        set: {
          contentType: values.contentType,
          bytes: values.bytes,
          size: values.size,
          sha256: values.sha256,
          updatedAt: sql`now()`,
        },
      })
      .returning({
        contentType: companyLogos.contentType,
        size: companyLogos.size,
        sha256: companyLogos.sha256,
        updatedAt: companyLogos.updatedAt,
      }),
    'upsert logo',
  );
}

export async function deleteLogo(db: Queryable, accountId: string, companyId: string) {
  const [row] = await db
    .delete(companyLogos)
    .where(and(eq(companyLogos.accountId, accountId), eq(companyLogos.companyId, companyId)))
    .returning({ contentType: companyLogos.contentType, size: companyLogos.size, sha256: companyLogos.sha256 });
  return row ?? null;
}

export async function touchCompany(db: Queryable, accountId: string, id: string): Promise<void> {
  await db
    .update(companies)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(companies.accountId, accountId), eq(companies.id, id)));
}

// --- user access ---------------------------------------------------------------------------

export interface CompanyUserRow {
  id: string;
  name: string;
  email: string;
  role: 'administrator' | 'technician' | 'viewer';
  status: 'invited' | 'active' | 'disabled';
  access: 'all' | 'granted' | 'none';
  companyCount: number;
  nameKey: string;
}

/**
 * Users who can reach a company (scope `access`: administrators and "all companies" users,
 * plus those granted it) or who could be granted it (scope `candidates`), by name, keyset on
 * (lower(name), id). Only users the actor may see: `visible` is the actor's companies (null: all),
 * as on the users list — a candidate shares one of them, or is the actor.
 */
export async function listCompanyUsers(
  db: Queryable,
  accountId: string,
  companyId: string,
  options: { scope: 'access' | 'candidates'; q?: string },
  visible: { actorId: string; companyIds: readonly string[] | null },
  limit: number,
  after: [string, string] | null,
): Promise<CompanyUserRow[]> {
  const granted = sql`exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = ${companyId})`;
  const everyCompany = sql`(u.role = 'administrator' or u.all_companies)`;
  const scope =
    options.scope === 'access' ? sql`(${everyCompany} or ${granted})` : sql`(not ${everyCompany} and not ${granted})`;
  const seen =
    visible.companyIds === null
      ? sql`true`
      : sql`(u.id = ${visible.actorId} or ${everyCompany} or exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = any(${uuidArray(visible.companyIds)})))`;
  const search = options.q
    ? sql`(u.name ilike ${likePattern(options.q)} or u.email ilike ${likePattern(options.q)})`
    : sql`true`;
  const keyset = after ? sql`(lower(u.name), u.id) > (${after[0]}::text, ${after[1]}::uuid)` : sql`true`;
  const result = await db.execute<{
    id: string;
    name: string;
    email: string;
    role: CompanyUserRow['role'];
    status: CompanyUserRow['status'];
    every: boolean;
    granted: boolean;
    company_count: number;
    name_key: string;
  }>(sql`
    select u.id, u.name, u.email, u.role, u.status, ${everyCompany} as every, ${granted} as granted, lower(u.name) as name_key,
      (select count(*) from ${userCompanies} uc where uc.user_id = u.id)::int as company_count
    from ${users} u
    where u.account_id = ${accountId} and ${scope} and ${seen} and ${search} and ${keyset}
    order by lower(u.name), u.id
    limit ${limit}`);
  return result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status,
    access: r.every ? 'all' : r.granted ? 'granted' : 'none',
    companyCount: r.every ? 0 : Number(r.company_count),
    nameKey: r.name_key,
  }));
}

/** A user of the account with their granted companies, locked for the change. */
export async function lockUserAccess(db: Queryable, accountId: string, userId: string) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, allCompanies: users.allCompanies })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1)
    .for('update');
  if (!user) return null;
  const rows = await db
    .select({ companyId: userCompanies.companyId })
    .from(userCompanies)
    .where(and(eq(userCompanies.accountId, accountId), eq(userCompanies.userId, userId)));
  return { ...user, companyIds: rows.map((r) => r.companyId).sort() };
}

export async function grantCompany(db: Queryable, accountId: string, userId: string, companyId: string): Promise<void> {
  await db.insert(userCompanies).values({ accountId, userId, companyId }).onConflictDoNothing();
}

export async function revokeCompany(
  db: Queryable,
  accountId: string,
  userId: string,
  companyId: string,
): Promise<void> {
  await db
    .delete(userCompanies)
    .where(
      and(
        eq(userCompanies.accountId, accountId),
        eq(userCompanies.userId, userId),
        eq(userCompanies.companyId, companyId),
      ),
    );
}

// --- the company switcher and the label -------------------------------------------------------

export async function findCompanyFilter(db: Queryable, accountId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ companyFilter: users.companyFilter })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  return row?.companyFilter ?? null;
}

export async function setCompanyFilter(
  db: Queryable,
  accountId: string,
  userId: string,
  companyId: string | null,
): Promise<void> {
  await db
    .update(users)
    .set({ companyFilter: companyId })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
}

/** Which of these ids are companies of the account. */
export async function existingCompanyIds(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.accountId, accountId), inArray(companies.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** Every company of every account, grouped by account (the sweeps that apply each company's settings). */
export async function companyIdsByAccount(db: Queryable): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ id: companies.id, accountId: companies.accountId })
    .from(companies)
    .orderBy(companies.accountId, companies.id);
  const byAccount = new Map<string, string[]>();
  for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row.id]);
  return byAccount;
}

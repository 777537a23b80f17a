import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { createUserContact, syncUserContact } from '../contacts/index.js';
import { userCompanies, users } from './tables.js';

export type UserRow = typeof users.$inferSelect;
export type UserWithAccess = UserRow & { companyIds: string[] };

/** A user's companies (ids, in order; none for all-companies users), as a column of a query on `users`. */
export const companyIdsColumn = sql<string[]>`coalesce(
  (select array_agg(uc.company_id order by uc.company_id) from user_companies uc where uc.user_id = ${users.id}),
  '{}'::uuid[])`;

/** The user of an account with this e-mail (unique within an account). */
export async function findUserByEmail(db: Queryable, accountId: string, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.email, email.toLowerCase())))
    .limit(1);
  return row ?? null;
}

/** A user of some account with an e-mail, and the account's name (to tell accounts apart). */
export type UserOfAccount = UserRow & { accountName: string };

/**
 * Every user with this e-mail, whatever the account (the same address may sign in to several
 * accounts), by account name. For the operator's command line, which knows no account.
 */
export async function usersWithEmail(db: Queryable, email: string): Promise<UserOfAccount[]> {
  const rows = await db
    .select({ user: users, accountName: accounts.name })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.email, email.toLowerCase()))
    .orderBy(asc(accounts.name), asc(accounts.id));
  return rows.map((r) => ({ ...r.user, accountName: r.accountName }));
}

export async function findUser(db: Queryable, accountId: string, userId: string): Promise<UserWithAccess | null> {
  const [row] = await db
    .select({ user: users, companyIds: companyIdsColumn })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  return row ? { ...row.user, companyIds: row.companyIds } : null;
}

export async function insertUser(
  db: Queryable,
  values: typeof users.$inferInsert,
  companyIds: readonly string[],
): Promise<UserRow> {
  const row = oneRow(await db.insert(users).values(values).returning(), 'inserting a user');
  if (companyIds.length > 0) {
    await db
      .insert(userCompanies)
      .values(companyIds.map((companyId) => ({ accountId: row.accountId, userId: row.id, companyId })));
  }
  // every user has a contact for alerts and reports, kept in step with their profile
  await createUserContact(db, row, companyIds);
  return row;
}

export async function updateUser(
  db: Queryable,
  accountId: string,
  userId: string,
  patch: Partial<
    Pick<
      UserRow,
      'name' | 'language' | 'timeZone' | 'passwordHash' | 'status' | 'email' | 'role' | 'allCompanies' | 'breakGlass'
    >
  >,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
  await syncUserContact(db, accountId, userId, { name: patch.name, email: patch.email });
}

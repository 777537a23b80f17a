import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { userCompanies, users } from './tables.js';

export type UserRow = typeof users.$inferSelect;
export type UserWithAccess = UserRow & { companyIds: string[] };

const companyIdsColumn = sql<string[]>`coalesce(
  (select array_agg(uc.company_id order by uc.company_id) from user_companies uc where uc.user_id = ${users.id}),
  '{}'::uuid[])`;

/** Sign-in looks users up by e-mail across the server: e-mails are unique everywhere. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
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
  const [row] = await db.insert(users).values(values).returning();
  if (companyIds.length > 0) {
    await db.insert(userCompanies).values(companyIds.map((companyId) => ({ accountId: row.accountId, userId: row.id, companyId })));
  }
  return row;
}

export async function updateUser(
  db: Queryable,
  accountId: string,
  userId: string,
  patch: Partial<Pick<UserRow, 'name' | 'language' | 'timeZone' | 'passwordHash' | 'status'>>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
}

import { eq, sql } from 'drizzle-orm';
import { oneRow } from '../../platform/db/one-row.js';
import type { Queryable } from '../../platform/db/pool.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { accountLicences } from './tables.js';

export type AccountRow = typeof accounts.$inferSelect;
export type LicenceRow = typeof accountLicences.$inferSelect;

export async function findAccount(db: Queryable, accountId: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ?? null;
}

export async function anyAccountExists(db: Queryable): Promise<boolean> {
  const result = await db.execute<{ exists: boolean }>(sql`select exists (select 1 from accounts) as exists`);
  return oneRow(result.rows, 'looking for an account').exists;
}

export async function renameAccount(db: Queryable, accountId: string, name: string): Promise<AccountRow> {
  return oneRow(
    await db.update(accounts).set({ name }).where(eq(accounts.id, accountId)).returning(),
    'renaming the account',
  );
}

/**
 * The account's licence. `forUpdate` locks the row until the transaction ends: every change of
 * seats or counts (and every device enrolment) takes this lock first, so checks against the count cannot race.
 */
export async function findLicence(
  db: Queryable,
  accountId: string,
  { forUpdate = false } = {},
): Promise<LicenceRow | null> {
  const query = db.select().from(accountLicences).where(eq(accountLicences.accountId, accountId)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

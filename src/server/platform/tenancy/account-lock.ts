import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import { accounts } from './tables.js';

/**
 * Holds the account row until the transaction ends: account-wide changes (its companies, its word for "company")
 * one at a time. A tenancy primitive, so that modules below accounts (companies) can serialise on it too.
 */
export async function lockAccount(db: Queryable, accountId: string): Promise<void> {
  await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
}

import { eq, sql } from 'drizzle-orm';
import { defaultLicence } from '../../../shared/licence.js';
import { oneRow } from '../../platform/db/one-row.js';
import type { Queryable } from '../../platform/db/pool.js';
import { accounts } from '../../platform/tenancy/tables.js';
import type { AccountRow } from '../accounts/index.js';
import { accountLicences } from '../accounts/tables.js';
import { companies } from '../companies/tables.js';
import { setupTokens } from './tables.js';

export type CompanyRow = typeof companies.$inferSelect;

/** Serialises setup attempts so two of them can never both create a first account. */
const setupLock = 7_261_001;

/** Stores the instance's one setup token (hashed), replacing an earlier one. */
export async function storeSetupTokenHash(db: Queryable, tokenHash: string): Promise<void> {
  await db
    .insert(setupTokens)
    .values({ id: 1, tokenHash })
    .onConflictDoUpdate({ target: setupTokens.id, set: { tokenHash, createdAt: sql`now()` } });
}

/** Waits for the setup lock and holds it until the transaction ends. */
export async function lockSetup(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${setupLock})`);
}

/** The stored setup token's hash, null when none was issued. */
export async function findSetupTokenHash(db: Queryable): Promise<string | null> {
  const [row] = await db.select().from(setupTokens).where(eq(setupTokens.id, 1)).limit(1);
  return row?.tokenHash ?? null;
}

export async function deleteSetupTokens(db: Queryable): Promise<void> {
  await db.delete(setupTokens);
}

/** A new account with the default licence. */
export async function insertAccount(db: Queryable, name: string): Promise<AccountRow> {
  const account = oneRow(await db.insert(accounts).values({ name }).returning(), 'storing the account');
  await db.insert(accountLicences).values({ accountId: account.id, ...defaultLicence });
  return account;
}

export async function insertFirstCompany(db: Queryable, accountId: string, name: string): Promise<CompanyRow> {
  return oneRow(await db.insert(companies).values({ accountId, name }).returning(), 'storing the first company');
}

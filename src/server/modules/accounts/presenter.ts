import type { Account, CompanyLabel } from '../../../shared/contracts/accounts.js';
import type { Queryable } from '../../platform/db/pool.js';
import { loadSettings, type ResolvedSettings } from '../settings/index.js';
import { findAccount, type AccountRow } from './repository.js';

/** An account as clients see it, with its word for "company" (general.companyLabel). */
export function presentAccount(row: AccountRow, companyLabel: CompanyLabel | null): Account {
  return { id: row.id, name: row.name, companyLabel, createdAt: row.createdAt.toISOString() };
}

/**
 * Loads and presents an account, its company label read through the settings resolver (one query after the
 * other: `db` may be a transaction's one connection).
 */
export async function loadPresentedAccount(db: Queryable, accountId: string): Promise<Account> {
  const row = await findAccount(db, accountId);
  return presentFound(accountId, row, await loadSettings(db, accountId));
}

/**
 * The same, beside settings being read already (a request's: `settingsFor`): the account's row and
 * the settings at once, on a pool rather than a transaction's one connection.
 */
export async function presentedAccountWith(
  db: Queryable,
  accountId: string,
  settings: Promise<ResolvedSettings>,
): Promise<Account> {
  const [row, resolved] = await Promise.all([findAccount(db, accountId), settings]);
  return presentFound(accountId, row, resolved);
}

function presentFound(accountId: string, row: AccountRow | null, settings: ResolvedSettings): Account {
  if (!row) throw new Error(`account ${accountId} does not exist`);
  return presentAccount(row, settings.get('general.companyLabel'));
}

import type { Account } from '../../../shared/contracts/accounts.js';
import type { AccountRow } from './repository.js';

export function presentAccount(row: AccountRow): Account {
  return { id: row.id, name: row.name, companyLabel: row.companyLabel ?? null, createdAt: row.createdAt.toISOString() };
}

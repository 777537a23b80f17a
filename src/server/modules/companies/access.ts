import type { Permission } from '../../../shared/permissions.js';
import { canSee, requireScoped, type ScopedRow } from '../../platform/access.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { findCompany, lockCompany, type CompanyRow } from './repository.js';

/** A company is scoped to itself. */
const scopeOf = (row: CompanyRow | null): ScopedRow | null => row && { accountId: row.accountId, companyId: row.id };

const read = (db: Queryable, actor: Actor, companyId: string, lock: boolean) =>
  lock ? lockCompany(db, actor.accountId, companyId) : findCompany(db, actor.accountId, companyId);

/** A company of the actor's account that they can see, or null (missing, another account's, outside their access alike). */
export async function findVisibleCompany(
  db: Queryable,
  actor: Actor,
  companyId: string,
  { lock = false } = {},
): Promise<CompanyRow | null> {
  const row = await read(db, actor, companyId, lock);
  return canSee(actor, scopeOf(row)) ? row : null;
}

/**
 * The one entry to a company for every module: one of another account, outside the actor's
 * access, or missing answers 404 alike; then the permission (403 for a visible company).
 * `lock` holds the row until the end of the transaction (deletes, moves, clears).
 */
export async function requireCompany(
  db: Queryable,
  actor: Actor,
  companyId: string,
  permission?: Permission,
  { lock = false } = {},
): Promise<CompanyRow> {
  const row = await read(db, actor, companyId, lock);
  requireScoped(actor, scopeOf(row), permission, 'This company');
  return row!;
}

import type { Permission } from '../../../shared/permissions.js';
import { requireScoped } from '../../platform/access.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { findCompany, lockCompany, type CompanyRow } from './repository.js';

/**
 * The one entry to a company for every module: one of another account, outside the actor's
 * access, or missing answers 404 alike; then the permission (403 for a visible company).
 * `lock` holds the row until the end of the transaction (deletes, moves, clears).
 */
export async function requireCompany(db: Queryable, actor: Actor, companyId: string, permission?: Permission, { lock = false } = {}): Promise<CompanyRow> {
  const row = lock ? await lockCompany(db, actor.accountId, companyId) : await findCompany(db, actor.accountId, companyId);
  requireScoped(actor, row && { accountId: row.accountId, companyId: row.id }, permission, 'This company');
  return row!;
}

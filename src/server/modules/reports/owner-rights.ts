import type { RunFailure, ReportKind } from '../../../shared/contracts/reports.js';
import { roleCan, type Role } from '../../../shared/permissions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { dataPermissionOf } from './kinds/index.js';
import { companyIdsOfUser, findOwner } from './run-repository.js';

export class RunRefused extends Error {
  constructor(
    readonly code: RunFailure,
    readonly params: Record<string, string> = {},
  ) {
    super(code);
  }
}

/**
 * The companies a run may cover, from its owner's rights as they are now, not as they were when
 * the schedule was saved: the owner must be an active user whose role may read reports and
 * what this kind shows; companies the owner can no longer see are left out; none left, or no
 * right, refuses the run. Returns null for "every company of the account".
 */
export async function companiesForRun(
  db: Queryable,
  schedule: {
    accountId: string;
    ownerId: string | null;
    kind: ReportKind;
    allCompanies: boolean;
    companyIds: readonly string[];
  },
): Promise<{ companyIds: string[] | null; ownerName: string; ownerLanguage: string }> {
  if (!schedule.ownerId) throw new RunRefused('ownerMissing');
  const owner = await findOwner(db, schedule.accountId, schedule.ownerId);
  if (!owner) throw new RunRefused('ownerMissing');
  if (owner.status !== 'active') throw new RunRefused('ownerInactive', { name: owner.name });
  const role = owner.role as Role;
  if (!roleCan(role, 'reports.read') || !roleCan(role, dataPermissionOf[schedule.kind]))
    throw new RunRefused('ownerNotAllowed', { name: owner.name });
  const base = { ownerName: owner.name, ownerLanguage: owner.language };
  if (owner.allCompanies || role === 'administrator')
    return { ...base, companyIds: schedule.allCompanies ? null : [...schedule.companyIds] };
  const visible = await companyIdsOfUser(db, schedule.accountId, schedule.ownerId);
  const companyIds = schedule.allCompanies ? visible : schedule.companyIds.filter((id) => visible.includes(id));
  if (companyIds.length === 0) throw new RunRefused('noCompanies', { name: owner.name });
  return { ...base, companyIds };
}

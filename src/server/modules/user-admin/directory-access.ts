import type { Role } from '../../../shared/permissions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { releaseAllSeats } from '../seats/index.js';
import { updateUser } from '../users/index.js';
import { disableLockedUser } from './lifecycle.js';
import { companyIdsOf, lockActiveAdministrators, lockUser, replaceCompanyAccess } from './repository.js';

/** What an identity provider's groups give a user: a role and companies, or nothing at all. */
export type DirectoryAccess = { role: Role; allCompanies: boolean; companyIds: readonly string[] } | 'none';

export interface DirectoryAccessChange {
  /** the user's account */
  accountId: string;
  userId: string;
  access: DirectoryAccess;
  /** the status to give back to a user the groups had disabled (null: leave a disabled user disabled) */
  enableAs: 'active' | 'invited' | null;
  /** where the groups came from, and which, for the audit row */
  source: 'oidc' | 'scim';
  groups: readonly string[];
}

export interface DirectoryAccessResult {
  changed: boolean;
  /** the user was disabled by this change */
  disabled: boolean;
  /** the change would have left the account without an active administrator: the user kept the role */
  keptLastAdministrator: boolean;
  /** the user's status before the change */
  statusBefore: 'invited' | 'active' | 'disabled';
}

const accessOf = (allCompanies: boolean, role: Role, companyIds: readonly string[]): 'all' | string[] =>
  allCompanies || role === 'administrator' ? 'all' : [...companyIds].sort();

/**
 * Makes a user's role, company access and status what their identity provider's groups say, in the
 * caller's transaction. `none` disables them (sessions and live sockets end, API tokens revoked,
 * seats released). The account's last active administrator is never demoted or disabled this way:
 * they keep the role, and the audit log says so (`user.groups_kept_last_administrator`). Every
 * change is audited as `user.groups_applied`, with what it was before and after.
 */
export async function applyDirectoryAccess(
  tx: Queryable,
  ctx: RequestContext,
  change: DirectoryAccessChange,
): Promise<DirectoryAccessResult> {
  const { accountId, userId, access } = change;
  const admins = await lockActiveAdministrators(tx, accountId);
  const user = await lockUser(tx, accountId, userId);
  if (!user) throw notFound('This user');
  const lastAdministrator = admins.includes(user.id) && admins.length <= 1;
  const audit = (action: string, before: Record<string, unknown>, after: Record<string, unknown>) =>
    recordAudit(tx, ctx, {
      accountId,
      action,
      objectType: 'user',
      objectId: userId,
      before,
      after: { ...after, source: change.source, groups: [...change.groups] },
    });
  const unchanged = { changed: false, disabled: false, keptLastAdministrator: false, statusBefore: user.status };

  if (access === 'none') {
    if (user.status === 'disabled') return unchanged;
    if (lastAdministrator) {
      await audit('user.groups_kept_last_administrator', { role: user.role, status: user.status }, {});
      return { ...unchanged, keptLastAdministrator: true };
    }
    const { seats } = await disableLockedUser(tx, accountId, userId);
    await audit('user.groups_applied', { status: user.status, seats }, { status: 'disabled', seats: [] });
    return { ...unchanged, changed: true, disabled: true };
  }

  const keptLastAdministrator = lastAdministrator && access.role !== 'administrator';
  const role: Role = keptLastAdministrator ? 'administrator' : access.role;
  const allCompanies = role === 'administrator' || access.allCompanies;
  const companyIds = allCompanies ? [] : [...new Set(access.companyIds)];
  const currentCompanyIds = (await companyIdsOf(tx, accountId, [userId])).get(userId) ?? [];
  const beforeAccess = accessOf(user.allCompanies, user.role, currentCompanyIds);
  const afterAccess = accessOf(allCompanies, role, companyIds);
  const accessChanged = JSON.stringify(beforeAccess) !== JSON.stringify(afterAccess);
  const status = user.status === 'disabled' && change.enableAs ? change.enableAs : user.status;

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (role !== user.role) [before.role, after.role] = [user.role, role];
  if (status !== user.status) [before.status, after.status] = [user.status, status];
  if (accessChanged) [before.companyAccess, after.companyAccess] = [beforeAccess, afterAccess];
  if (keptLastAdministrator)
    await audit('user.groups_kept_last_administrator', { role: user.role }, { asked: access.role });
  if (Object.keys(after).length === 0) return { ...unchanged, keptLastAdministrator };

  await updateUser(tx, accountId, userId, {
    ...(role !== user.role ? { role } : {}),
    ...(status !== user.status ? { status } : {}),
    ...(allCompanies !== user.allCompanies ? { allCompanies } : {}),
  });
  if (accessChanged) await replaceCompanyAccess(tx, accountId, userId, companyIds);
  // viewers cannot hold seats: a user who becomes one gives theirs back
  if (role !== user.role && role === 'viewer') {
    const released = await releaseAllSeats(tx, accountId, userId);
    if (released.length) [before.seats, after.seats] = [released, []];
  }
  await audit('user.groups_applied', before, after);
  return { ...unchanged, changed: true, keptLastAdministrator };
}

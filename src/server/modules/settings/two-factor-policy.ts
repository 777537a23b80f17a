import type { Queryable } from '../../platform/db/pool.js';
import { anyCompanyOverrideIsTrue } from './repository.js';
import type { ResolvedSettings } from './resolver.js';

const key = 'security.requireTwoFactor' as const;

/**
 * Whether people working in these companies (or all of the account's) must use a second factor:
 * the account requires it, or, unless the account locked it, one of the companies does.
 * `account` is the account's resolved settings (the request's cached ones, in a request).
 */
export async function twoFactorRequiredFor(
  db: Queryable,
  account: ResolvedSettings,
  accountId: string,
  companyIds: readonly string[] | 'all',
): Promise<boolean> {
  if (account.get(key)) return true;
  if (account.locked(key)) return false;
  if (companyIds !== 'all' && companyIds.length === 0) return false;
  return anyCompanyOverrideIsTrue(db, accountId, key, companyIds);
}

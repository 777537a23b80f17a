import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { loadStoredSettings } from './repository.js';
import { companySettings } from './tables.js';

const key = 'security.requireTwoFactor';

/**
 * Whether people working in these companies (or all of the account's) must use a second factor:
 * the account requires it, or, unless the account locked it, one of the companies does.
 */
export async function twoFactorRequiredFor(db: Queryable, accountId: string, companyIds: readonly string[] | 'all'): Promise<boolean> {
  const account = (await loadStoredSettings(db, accountId, [])).account.get(key);
  if (account?.value === true) return true;
  if (account?.locked) return false;
  if (companyIds !== 'all' && companyIds.length === 0) return false;
  const [row] = await db
    .select({ any: sql<boolean>`true` })
    .from(companySettings)
    .where(
      and(
        eq(companySettings.accountId, accountId),
        eq(companySettings.key, key),
        sql`${companySettings.value} = 'true'::jsonb`,
        companyIds === 'all' ? undefined : inArray(companySettings.companyId, [...companyIds]),
      ),
    )
    .limit(1);
  return row !== undefined;
}

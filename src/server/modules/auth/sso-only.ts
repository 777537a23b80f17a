import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { loadSettings } from '../settings/index.js';
import { users } from '../users/tables.js';
import type { UserRow } from '../users/index.js';

/**
 * Whether a user may use their password (sign-in, "Forgot password?") in an account that may require
 * single sign-on (`security.ssoOnly`): always when it does not; else only a break-glass
 * administrator — or any administrator while no active administrator is marked, so the account can
 * never be locked out by its provider.
 */
export async function passwordAllowed(
  db: Queryable,
  user: Pick<UserRow, 'accountId' | 'role' | 'breakGlass'>,
): Promise<boolean> {
  const settings = await loadSettings(db, user.accountId);
  if (!settings.get('security.ssoOnly')) return true;
  if (user.role !== 'administrator') return false;
  if (user.breakGlass) return true;
  const [marked] = await db
    .select({ one: sql<number>`1` })
    .from(users)
    .where(
      and(
        eq(users.accountId, user.accountId),
        eq(users.role, 'administrator'),
        eq(users.status, 'active'),
        eq(users.breakGlass, true),
      ),
    )
    .limit(1);
  return !marked;
}

export const ssoOnlyMessage =
  'This account signs in with its single sign-on: use "Sign in with …" on the sign-in page (type your e-mail to see it).';

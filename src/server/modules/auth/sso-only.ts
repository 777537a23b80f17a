import { and, eq, sql } from 'drizzle-orm';
import { accountSettings } from '../settings/tables.js';
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

/**
 * `passwordAllowed`'s answer negated, as a column of a query on `users` (the sign-in reads it in its
 * one statement about the user).
 */
export const passwordRefusedColumn = sql<boolean>`(
  exists (select 1 from ${accountSettings} s where s.account_id = ${users.accountId}
    and s.key = 'security.ssoOnly' and s.value = 'true'::jsonb)
  and not (${users.role} = 'administrator' and (${users.breakGlass} or not exists (
    select 1 from users b where b.account_id = ${users.accountId} and b.role = 'administrator'
      and b.status = 'active' and b.break_glass))))`;

export const ssoOnlyMessage =
  'This account signs in with its single sign-on: use "Sign in with …" on the sign-in page (type your e-mail to see it).';

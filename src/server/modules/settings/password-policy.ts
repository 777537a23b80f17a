import type { Queryable } from '../../platform/db/pool.js';
import { fieldError } from '../../platform/http/app-error.js';
import { loadSettings } from './resolver.js';

/**
 * The account's password policy (security.passwordMinLength), checked wherever a password is
 * set: a change, an invitation, a reset. The schema's own minimum is the floor of every policy.
 */
export async function assertPasswordPolicy(
  db: Queryable,
  accountId: string,
  password: string,
  field = 'password',
): Promise<void> {
  const min = (await loadSettings(db, accountId)).get('security.passwordMinLength');
  if (password.length < min)
    throw fieldError(field, { code: 'too_short', params: { min } }, `Use at least ${min} characters`);
}

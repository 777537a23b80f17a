import type { AccountChoice } from '../../../shared/contracts/auth.js';
import { verifyPassword } from '../../platform/crypto/passwords.js';
import type { SignInCandidate } from './sign-in-repository.js';

/**
 * What a password says about the users with one e-mail (one per account that has it):
 *  - `user`: exactly one active user has this password (or the account asked for has it);
 *  - `choice`: active users of several accounts have it — the person says which account, and
 *    only then learns the names of those accounts (the password was right for each);
 *  - `refused`: nobody, with the reason and the users concerned (for their accounts' audit).
 * Every candidate's password is checked (at least one check, so an unknown e-mail takes as long).
 */
export type SignInOutcome =
  | { kind: 'user'; user: SignInCandidate }
  | { kind: 'choice'; choice: AccountChoice }
  | {
      kind: 'refused';
      reason: 'unknown_email' | 'wrong_password' | 'user_invited' | 'user_disabled';
      users: SignInCandidate[];
    };

export async function signInOutcome(
  candidates: readonly SignInCandidate[],
  password: string,
  accountId?: string,
): Promise<SignInOutcome> {
  const pool = accountId === undefined ? [...candidates] : candidates.filter((c) => c.accountId === accountId);
  if (pool.length === 0) {
    await verifyPassword(null, password);
    return { kind: 'refused', reason: 'unknown_email', users: [] };
  }
  const checks = await Promise.all(pool.map((c) => verifyPassword(c.passwordHash, password)));
  const right = pool.filter((_, i) => checks[i]);
  if (right.length === 0) return { kind: 'refused', reason: 'wrong_password', users: pool };
  const active = right.filter((c) => c.status === 'active');
  if (active.length === 0)
    return { kind: 'refused', reason: right[0]!.status === 'invited' ? 'user_invited' : 'user_disabled', users: right };
  if (active.length === 1) return { kind: 'user', user: active[0]! };
  return {
    kind: 'choice',
    choice: { accountChoice: true, accounts: active.map((c) => ({ id: c.accountId, name: c.accountName })) },
  };
}

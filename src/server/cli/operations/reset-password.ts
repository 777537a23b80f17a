import type { Db, Queryable } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { randomSecret } from '../../platform/crypto/secrets.js';
import { recordAudit, systemContext } from '../../modules/audit/index.js';
import { deleteUserSessions, clearAllFailuresFor } from '../../modules/auth/index.js';
import { updateUser, usersWithEmail, type UserOfAccount, type UserRow } from '../../modules/users/index.js';
import { loadSettings } from '../../modules/settings/index.js';
import { CliError } from '../errors.js';
import { countUserSessions } from './repository.js';

export interface ResetPasswordInput {
  /** already validated (emailSchema) */
  email: string;
  /** already validated (passwordSchema); omitted: a strong one is generated */
  password?: string;
  /** the account's id: needed when users of several accounts have this e-mail */
  accountId?: string;
}

export interface ResetPasswordResult {
  userId: string;
  accountId: string;
  email: string;
  status: UserRow['status'];
  /** the password set: the caller shows it once when it was generated */
  password: string;
  generated: boolean;
  sessionsEnded: number;
}

/** At least 18 random bytes: 24 URL-safe characters (144 bits), longer if the policy asks. */
export function generatePassword(minLength = 24): string {
  return randomSecret(Math.max(18, Math.ceil((minLength * 3) / 4)));
}

/**
 * The one user this e-mail names: in the given account, or the only account that has it. An
 * e-mail with users in several accounts and no account given is refused with the list of them.
 */
async function theUser(db: Queryable, email: string, accountId: string | undefined): Promise<UserOfAccount> {
  const all = await usersWithEmail(db, email);
  const candidates = accountId === undefined ? all : all.filter((u) => u.accountId === accountId);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new CliError(
      accountId === undefined || all.length === 0
        ? `no user has the e-mail ${email}`
        : `no user of the account ${accountId} has the e-mail ${email}`,
    );
  }
  const list = candidates.map((u) => `${u.accountId} "${u.accountName}"`).join(', ');
  throw new CliError(
    `users of ${candidates.length} accounts have the e-mail ${email}; say which with --account ID: ${list}`,
  );
}

/**
 * Sets a user's password from the command line: the new hash, the end of every session of the
 * user, the lifting of sign-in blocks on the e-mail and the `user.reset_password` audit event (system actor) commit together.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput): Promise<ResetPasswordResult> {
  const email = input.email.trim().toLowerCase();
  const generated = input.password === undefined;
  const found = await theUser(db, email, input.accountId);
  // the account's password policy (security.passwordMinLength) holds here too
  const minLength = (await loadSettings(db, found.accountId)).get('security.passwordMinLength');
  const password = input.password ?? generatePassword(minLength);
  if (password.length < minLength)
    throw new CliError(`the password is too short: this account requires at least ${minLength} characters`);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await theUser(tx, email, found.accountId);
    const n = await countUserSessions(tx, user.id);
    await updateUser(tx, user.accountId, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id);
    await clearAllFailuresFor(tx, user.email);
    await recordAudit(tx, systemContext('cli'), {
      accountId: user.accountId,
      action: 'user.reset_password',
      objectType: 'user',
      objectId: user.id,
      after: { email: user.email, generated, sessionsEnded: n },
    });
    return {
      userId: user.id,
      accountId: user.accountId,
      email: user.email,
      status: user.status,
      password,
      generated,
      sessionsEnded: n,
    };
  });
}

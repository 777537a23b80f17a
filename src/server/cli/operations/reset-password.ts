import { count, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { randomSecret } from '../../platform/crypto/secrets.js';
import { recordAudit, systemContext } from '../../modules/audit/record.js';
import { deleteUserSessions } from '../../modules/auth/session-repository.js';
import { sessions } from '../../modules/auth/tables.js';
import { clearAllFailuresFor } from '../../modules/auth/throttle.js';
import { findUserByEmail, updateUser, type UserRow } from '../../modules/users/repository.js';
import { loadSettings } from '../../modules/settings/resolver.js';
import { CliError } from '../errors.js';

export interface ResetPasswordInput {
  /** already validated (emailSchema) */
  email: string;
  /** already validated (passwordSchema); omitted: a strong one is generated */
  password?: string;
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
 * Sets a user's password from the command line: the new hash, the end of every session of the
 * user, the lifting of sign-in blocks on the e-mail and the `user.reset_password` audit event (system actor) commit together.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput): Promise<ResetPasswordResult> {
  const email = input.email.trim().toLowerCase();
  const generated = input.password === undefined;
  const found = await findUserByEmail(db, email);
  if (!found) throw new CliError(`no user has the e-mail ${email}`);
  // the account's password policy (security.passwordMinLength) holds here too
  const minLength = (await loadSettings(db, found.accountId)).get('security.passwordMinLength');
  const password = input.password ?? generatePassword(minLength);
  if (password.length < minLength) throw new CliError(`the password is too short: this account requires at least ${minLength} characters`);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new CliError(`no user has the e-mail ${email}`);
    const [{ n }] = await tx.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
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
    return { userId: user.id, accountId: user.accountId, email: user.email, status: user.status, password, generated, sessionsEnded: n };
  });
}

import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { verifyPassword } from '../../platform/crypto/passwords.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { findUser } from '../users/index.js';
import { attemptFailed, attemptSucceeded, countAttempt } from './throttle.js';

/**
 * The signed-in user's password, asked again before a credential changes (password, second
 * factor). Each answer counts toward the sign-in throttle before it is checked, so a stolen
 * session cannot be used to guess the password faster than sign-in allows.
 */
export async function assertCurrentPassword(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  password: string,
  field: string,
): Promise<void> {
  const attempt = await countAttempt(db, { email: actor.email, ip: ctx.ip });
  const user = await findUser(db, actor.accountId, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await attemptFailed(db, attempt);
    throw new AppError('invalid_credentials', 'The password is not right.', [
      { path: field, code: 'wrong_password', message: 'The password is not right.' },
    ]);
  }
  await attemptSucceeded(db, attempt);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { passwordResetMinutes, type PasswordResetLink } from '../../../shared/contracts/password-reset.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { findAccount } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { clearAllFailuresFor, countRequest, deleteUserSessions, passwordAllowed } from '../auth/index.js';
import { assertPasswordPolicy } from '../settings/index.js';
import { canSeeUser } from '../user-admin/index.js';
import { findUser, updateUser, usersWithEmail, type UserRow } from '../users/index.js';
import { enqueueResetEmail, languageOf } from './mail.js';
import { claimReset, findReset, replaceReset, type ResetWithUser } from './repository.js';

/**
 * Requests per 15-minute window: e-mails sent to one address (more are answered alike and sent nothing: the last
 * link sent still works), and requests from one client address (more are refused with 429, whatever the e-mail).
 */
export const resetLimits = { email: 3, address: 20 } as const;

/** Every request for a link takes at least this long, so the answer's timing does not tell whether it was sent. */
export const resetAnswerMilliseconds = 300;

const fingerprintOf = (user: Pick<UserRow, 'passwordHash'>) => sha256(user.passwordHash ?? '');

/** A new link for an active user: older links stop working; the e-mail goes with the transaction. */
async function issueReset(
  tx: Queryable,
  config: Config,
  user: UserRow,
  accountName: string,
  admin: Pick<Actor, 'userId' | 'name'> | null,
): Promise<Date> {
  const token = randomSecret(32);
  const expiresAt = new Date(Date.now() + passwordResetMinutes * 60_000);
  await replaceReset(tx, {
    userId: user.id,
    accountId: user.accountId,
    tokenHash: sha256(token),
    passwordFingerprint: fingerprintOf(user),
    requestedBy: admin?.userId ?? null,
    expiresAt,
  });
  await enqueueResetEmail(tx, config, { user, token, expiresAt, accountName, adminName: admin?.name ?? null });
  return expiresAt;
}

function tooManyRequests(wait: number): AppError {
  const seconds = Math.max(1, wait);
  return new AppError(
    'rate_limited',
    `Too many requests from this address. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    { reason: 'too_many_attempts', retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/**
 * "Forgot password?": e-mails a link to every active user with this e-mail (one per account), audited in each
 * account (in none for an unknown e-mail). The answer is the same whether or not the address is known, and takes
 * at least `resetAnswerMilliseconds`; only the client address's limit refuses (429), for any e-mail alike.
 */
export async function requestPasswordReset(
  db: Db,
  config: Config,
  ctx: RequestContext,
  emailInput: string,
): Promise<void> {
  const started = Date.now();
  const email = emailInput.trim().toLowerCase();
  const [byAddress, byEmail] = await countRequest(db, [
    { key: `reset-address:${ctx.ip ?? 'unknown'}`, limit: resetLimits.address },
    { key: `reset-email:${email}`, limit: resetLimits.email },
  ]);
  if (byAddress?.over) throw tooManyRequests(byAddress.wait);
  if (!byEmail?.over) {
    await db.transaction(async (tx) => {
      const active = (await usersWithEmail(tx, email)).filter((u) => u.status === 'active' && u.passwordHash);
      // no reset link where the account signs in with its provider only (break-glass administrators excepted)
      const found = [];
      for (const user of active) if (await passwordAllowed(tx, user)) found.push(user);
      for (const user of found) {
        const expiresAt = await issueReset(tx, config, user, user.accountName, null);
        await recordAudit(tx, ctx, {
          accountId: user.accountId,
          action: 'user.password_reset_request',
          objectType: 'user',
          objectId: user.id,
          after: { email, expiresAt: expiresAt.toISOString() },
        });
      }
      if (found.length === 0) {
        await recordAudit(tx, ctx, { accountId: null, action: 'user.password_reset_request', after: { email } });
      }
    });
  }
  const left = resetAnswerMilliseconds - (Date.now() - started);
  if (left > 0) await sleep(left);
}

/**
 * An administrator's "Send a password reset": a user of the account they may see (404 otherwise), who is active
 * (409 for an invited or disabled user). Audited as sent by that administrator.
 */
export async function sendPasswordResetByAdministrator(
  db: Db,
  config: Config,
  ctx: RequestContext,
  actor: Actor,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUser(tx, actor.accountId, userId);
    if (!user || !canSeeUser(actor, user)) throw notFound('This user');
    if (user.status !== 'active' || !user.passwordHash) {
      throw conflict(
        user.status === 'disabled'
          ? 'This user is disabled; enable them first.'
          : 'This user has not accepted their invitation yet; send the invitation again instead.',
      );
    }
    const expiresAt = await issueReset(tx, config, user, (await findAccount(tx, actor.accountId))?.name ?? '', actor);
    await recordAudit(tx, ctx, {
      action: 'user.password_reset_send',
      objectType: 'user',
      objectId: user.id,
      after: { email: user.email, expiresAt: expiresAt.toISOString() },
    });
  });
}

const linkGone = () =>
  new AppError(
    'not_found',
    'This link no longer works: it expired after an hour, was already used, or a newer link was sent. Ask for a new one from the sign-in page.',
  );

/** The link works: not expired, its user still active, their password unchanged since it was sent. */
function usable(found: ResetWithUser | null): found is ResetWithUser {
  return (
    found !== null &&
    found.reset.expiresAt.getTime() > Date.now() &&
    found.user.status === 'active' &&
    found.reset.passwordFingerprint === fingerprintOf(found.user)
  );
}

/** What the link's page shows; 404 alike for unknown, expired, used and replaced links. */
export async function describePasswordReset(db: Queryable, token: string): Promise<PasswordResetLink> {
  const found = await findReset(db, sha256(token));
  if (!usable(found)) throw linkGone();
  return {
    email: found.user.email,
    accountName: found.accountName,
    language: languageOf(found.user),
    expiresAt: found.reset.expiresAt.toISOString(),
  };
}

/**
 * Sets the new password from a link (the account's password policy holds), once: the link is taken in the same
 * transaction as the new hash, every session of the user ends, sign-in blocks on the e-mail lift, and it is
 * audited. A second factor, if any, is untouched: the next sign-in asks for it.
 */
export async function completePasswordReset(
  db: Db,
  ctx: RequestContext,
  token: string,
  password: string,
): Promise<void> {
  const tokenHash = sha256(token);
  const before = await findReset(db, tokenHash);
  if (!usable(before)) throw linkGone();
  await assertPasswordPolicy(db, before.user.accountId, password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const found = await findReset(tx, tokenHash);
    if (!usable(found) || !(await claimReset(tx, tokenHash))) throw linkGone();
    const { user } = found;
    await updateUser(tx, user.accountId, user.id, { passwordHash });
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await clearAllFailuresFor(tx, user.email);
    await recordAudit(tx, ctx, {
      accountId: user.accountId,
      action: 'user.password_reset_complete',
      objectType: 'user',
      objectId: user.id,
      after: { email: user.email, sessionsEnded, sentByAdministrator: found.reset.requestedBy !== null },
    });
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import { verifyPassword } from '../../platform/crypto/passwords.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { auditRow, recordAudit, type AuditContext } from '../audit/record.js';
import { recoveryCodesLeft } from '../two-factor/repository.js';
import { verifySecondFactor } from '../two-factor/service.js';
import { findSignInUser, type SignInUser, type UserRow } from '../users/repository.js';
import { setSessionCookie } from './session-cookie.js';
import { createAuditedSession, createSession, deleteSession } from './session-repository.js';
import { knownBrowserOf } from './known-browser.js';
import { attemptFailed, attemptSucceeded, countAttempt } from './throttle.js';

const invalidCredentials = () => new AppError('invalid_credentials', 'The e-mail or the password is not right.');

/**
 * Checks e-mail and password under the sign-in throttle (the attempt is counted before the
 * password is checked); audits every failure. The user comes back with their companies and
 * whether they have an authenticator, so the rest of the sign-in reads nothing more about them.
 * Without a second factor to give, the sign-in is complete: the address and browser become known.
 */
export async function verifyCredentials(db: Db, ctx: RequestContext, emailInput: string, password: string, browser: string | null): Promise<SignInUser> {
  const email = emailInput.trim().toLowerCase();
  const attempt = await countAttempt(db, { email, ip: ctx.ip, browser });
  const user = await findSignInUser(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== 'active') {
    const reason = !user ? 'unknown_email' : !ok ? 'wrong_password' : `user_${user.status}`;
    await db.transaction(async (tx) => {
      await attemptFailed(tx, attempt);
      await recordAudit(tx, ctx, {
        accountId: user?.accountId ?? null,
        action: 'auth.login_failed',
        objectType: user ? 'user' : undefined,
        objectId: user?.id,
        after: { email, reason },
      });
    });
    throw invalidCredentials();
  }
  await attemptSucceeded(db, attempt, !user.hasConfirmedTotp);
  return user;
}

/** The audit context of someone who just proved who they are, before they have a session. */
function signingInContext(request: FastifyRequest, user: UserRow): AuditContext {
  return {
    actor: { userId: user.id, accountId: user.accountId, name: user.name, via: 'session', tokenId: null },
    ip: request.ip ?? null,
    requestId: String(request.id),
  };
}

const sessionInput = (request: FastifyRequest, user: UserRow) => ({
  accountId: user.accountId,
  userId: user.id,
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

/** Opens a new session (always a new id), sets its cookie and audits the sign-in. */
export async function startSession(db: Db, request: FastifyRequest, reply: FastifyReply, user: UserRow, secureCookies: boolean): Promise<string> {
  const session = await createAuditedSession(
    db,
    sessionInput(request, user),
    auditRow(signingInContext(request, user), { accountId: user.accountId, action: 'auth.login', objectType: 'user', objectId: user.id, after: { email: user.email } }),
  );
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

/**
 * The password was right and the user has an authenticator: a session that can do nothing but
 * take the code (POST /auth/login/totp) or sign out, for 5 minutes.
 */
export async function startPendingSession(db: Db, request: FastifyRequest, reply: FastifyReply, user: UserRow, secureCookies: boolean): Promise<string> {
  const session = await createSession(db, { ...sessionInput(request, user), secondFactorPending: true });
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

/**
 * Finishes a sign-in with a code of the app or a recovery code. Each code counts toward the
 * sign-in throttle before it is checked (and at most 5 per pending sign-in); a wrong or replayed
 * one is audited; a right one replaces the pending session by a new
 * one (a new id: what was issued before the second factor never becomes a signed-in session).
 */
export async function completeSecondFactor(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  pending: { idHash: string; user: UserRow },
  code: string,
  secureCookies: boolean,
): Promise<string> {
  const { user } = pending;
  const ctx = signingInContext(request, user);
  const attempt = await countAttempt(db, { email: user.email, ip: ctx.ip, browser: knownBrowserOf(request) }, { pendingSignIn: pending.idHash });
  const session = await db.transaction(async (tx) => {
    const method = await verifySecondFactor(tx, user, code);
    if (!method) return null;
    await deleteSession(tx, pending.idHash);
    const created = await createSession(tx, sessionInput(request, user));
    await recordAudit(tx, ctx, { accountId: user.accountId, action: 'auth.login', objectType: 'user', objectId: user.id, after: { email: user.email, secondFactor: method } });
    if (method === 'recovery_code') {
      const left = await recoveryCodesLeft(tx, user.accountId, user.id);
      await recordAudit(tx, ctx, { accountId: user.accountId, action: 'two_factor.recovery_code_use', objectType: 'user', objectId: user.id, after: { recoveryCodesLeft: left } });
    }
    return created;
  });
  if (!session) {
    await db.transaction(async (tx) => {
      await attemptFailed(tx, attempt);
      await recordAudit(tx, ctx, { accountId: user.accountId, action: 'auth.totp_failed', objectType: 'user', objectId: user.id, after: { email: user.email } });
    });
    throw new AppError('invalid_credentials', 'This code is not right, or it was already used. Enter the code your app shows now, or a recovery code.');
  }
  await attemptSucceeded(db, attempt, true);
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

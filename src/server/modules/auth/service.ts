import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { auditRow, recordAudit, type AuditContext } from '../audit/index.js';
import { recoveryCodesLeft, verifySecondFactor } from '../two-factor/index.js';
import type { AccountChoice } from '../../../shared/contracts/auth.js';
import { findUser, type UserRow, type UserWithAccess } from '../users/index.js';
import { findSignInUsers, type SignInUser } from './sign-in-repository.js';
import { signInOutcome } from './account-choice.js';
import { setSessionCookie } from './session-cookie.js';
import { createAuditedSession, createSession, deleteSession } from './session-repository.js';
import { knownBrowserOf } from './known-browser.js';
import { ssoOnlyMessage } from './sso-only.js';
import { attemptFailed, attemptSucceeded, countAttempt } from './throttle.js';

const invalidCredentials = () => new AppError('invalid_credentials', 'The e-mail or the password is not right.');

/**
 * Checks e-mail and password under the sign-in throttle (the attempt is counted before the
 * password is checked); audits every failure. The user comes back with their companies and
 * whether they have an authenticator, so the rest of the sign-in reads nothing more about them.
 * Without a second factor to give, the sign-in is complete: the address and browser become known.
 */
export async function verifyCredentials(
  db: Db,
  ctx: RequestContext,
  emailInput: string,
  password: string,
  browser: string | null,
  accountId?: string,
): Promise<SignInUser | AccountChoice> {
  const email = emailInput.trim().toLowerCase();
  const attempt = await countAttempt(db, { email, ip: ctx.ip, browser });
  // one user per account that has this e-mail: the password (and the account chosen) tells which
  const result = await signInOutcome(await findSignInUsers(db, email), password, accountId);
  if (result.kind === 'refused') {
    await db.transaction(async (tx) => {
      await attemptFailed(tx, attempt);
      // audited in every account concerned (none: an unknown e-mail)
      const concerned = result.users.length > 0 ? result.users : [null];
      for (const user of concerned) {
        await recordAudit(tx, ctx, {
          accountId: user?.accountId ?? null,
          action: 'auth.login_failed',
          objectType: user ? 'user' : undefined,
          objectId: user?.id,
          after: { email, reason: result.reason },
        });
      }
    });
    throw invalidCredentials();
  }
  if (result.kind === 'choice') {
    // the password was right: the attempt is given back, the sign-in completes with the account chosen
    await attemptSucceeded(db, attempt, false);
    return result.choice;
  }
  if (result.user.passwordRefused) {
    // the account signs in with its provider: the password is not a way in for this user
    await attemptSucceeded(db, attempt, false);
    await recordAudit(db, ctx, {
      accountId: result.user.accountId,
      action: 'auth.login_failed',
      objectType: 'user',
      objectId: result.user.id,
      after: { email, reason: 'sso_only' },
    });
    throw new AppError('forbidden', ssoOnlyMessage);
  }
  await attemptSucceeded(db, attempt, result.user.secondFactors.length === 0);
  return result.user;
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

/**
 * Opens a new session (always a new id), sets its cookie and audits the sign-in (`method` says how,
 * when not by password: e.g. `{ method: 'oidc', providerId }`).
 */
export async function startSession(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  secureCookies: boolean,
  method?: Record<string, string>,
): Promise<string> {
  const session = await createAuditedSession(
    db,
    sessionInput(request, user),
    auditRow(signingInContext(request, user), {
      accountId: user.accountId,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      after: { email: user.email, ...method },
    }),
  );
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

/**
 * The password was right and the user has an authenticator: a session that can do nothing but
 * take the code (POST /auth/login/totp) or sign out, for 5 minutes.
 */
export async function startPendingSession(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  secureCookies: boolean,
): Promise<string> {
  const session = await createSession(db, { ...sessionInput(request, user), secondFactorPending: true });
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

/** How a pending sign-in proves its second factor, inside the transaction that completes it; and the refusal when it does not. */
export interface SecondFactorProof {
  check(tx: Queryable): Promise<'totp' | 'recovery_code' | 'passkey' | null>;
  refusal(): AppError;
}

/** A code of the app or a recovery code, as the proof of a pending sign-in. */
export function codeProof(secrets: SecretBox, user: UserRow, code: string): SecondFactorProof {
  return {
    check: (tx) => verifySecondFactor(tx, secrets, user, code),
    refusal: () =>
      new AppError(
        'invalid_credentials',
        'This code is not right, or it was already used. Enter the code your app shows now, or a recovery code.',
      ),
  };
}

/**
 * Finishes a sign-in with a second factor: a code of the app, a recovery code or a passkey. Each
 * proof counts toward the sign-in throttle before it is checked (and at most 5 per pending
 * sign-in); a wrong or replayed one is audited; a right one replaces the pending session by a new
 * one (a new id: what was issued before the second factor never becomes a signed-in session).
 */
export async function completeSecondFactor(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  pending: { idHash: string; user: UserRow },
  proof: SecondFactorProof,
  { secureCookies }: { secureCookies: boolean },
): Promise<{ csrfToken: string; user: UserWithAccess }> {
  const { user } = pending;
  const ctx = signingInContext(request, user);
  const attempt = await countAttempt(
    db,
    { email: user.email, ip: ctx.ip, browser: knownBrowserOf(request) },
    { pendingSignIn: pending.idHash },
  );
  const session = await db.transaction(async (tx) => {
    const method = await proof.check(tx);
    if (!method) return null;
    await deleteSession(tx, pending.idHash);
    const created = await createSession(tx, sessionInput(request, user));
    await recordAudit(tx, ctx, {
      accountId: user.accountId,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      after: { email: user.email, secondFactor: method },
    });
    if (method === 'recovery_code') {
      const left = await recoveryCodesLeft(tx, user.accountId, user.id);
      await recordAudit(tx, ctx, {
        accountId: user.accountId,
        action: 'two_factor.recovery_code_use',
        objectType: 'user',
        objectId: user.id,
        after: { recoveryCodesLeft: left },
      });
    }
    return created;
  });
  if (!session) {
    await db.transaction(async (tx) => {
      await attemptFailed(tx, attempt);
      await recordAudit(tx, ctx, {
        accountId: user.accountId,
        action: 'auth.totp_failed',
        objectType: 'user',
        objectId: user.id,
        after: { email: user.email },
      });
    });
    throw proof.refusal();
  }
  await attemptSucceeded(db, attempt, true);
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  const signedIn = await findUser(db, user.accountId, user.id);
  if (!signedIn) throw new AppError('unauthenticated', 'This user no longer exists.');
  return { csrfToken: session.csrfToken, user: signedIn };
}

/** Ends a session (signed in, or waiting for its second factor) and audits the sign-out, in one transaction. */
export async function signOut(
  db: Db,
  ctx: AuditContext & { actor: { userId: string } },
  idHash: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, idHash);
    await recordAudit(tx, ctx, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.userId });
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import { verifyPassword } from '../../platform/crypto/passwords.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/record.js';
import { findUserByEmail, type UserRow } from '../users/repository.js';
import { setSessionCookie } from './session-cookie.js';
import { createSession } from './session-repository.js';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.js';

const invalidCredentials = () => new AppError('invalid_credentials', 'The e-mail or the password is not right.');

/** Checks e-mail and password under the sign-in throttle; audits every failure. */
export async function verifyCredentials(db: Db, ctx: RequestContext, emailInput: string, password: string): Promise<UserRow> {
  const email = emailInput.trim().toLowerCase();
  await assertNotThrottled(db, email, ctx.ip);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== 'active') {
    const reason = !user ? 'unknown_email' : !ok ? 'wrong_password' : `user_${user.status}`;
    await db.transaction(async (tx) => {
      await recordFailure(tx, email, ctx.ip);
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
  await clearFailures(db, email, ctx.ip);
  return user;
}

/** Opens a new session (always a new id), sets its cookie and audits the sign-in. */
export async function startSession(db: Db, request: FastifyRequest, reply: FastifyReply, user: UserRow, secureCookies: boolean): Promise<string> {
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, {
      accountId: user.accountId,
      userId: user.id,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    await recordAudit(
      tx,
      {
        actor: { userId: user.id, accountId: user.accountId, name: user.name, via: 'session', tokenId: null },
        ip: request.ip ?? null,
        requestId: String(request.id),
      },
      { accountId: user.accountId, action: 'auth.login', objectType: 'user', objectId: user.id, after: { email: user.email } },
    );
    return created;
  });
  setSessionCookie(request, reply, session.cookieValue, secureCookies);
  return session.csrfToken;
}

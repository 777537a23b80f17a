import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../../shared/permissions.js';
import type { Db } from '../../platform/db/pool.js';
import { type Actor, authorize } from '../../platform/authz.js';
import { safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/http/app-error.js';
import { findLiveToken, noteTokenUsed } from '../api-tokens/index.js';
import { findUser, type UserWithAccess } from '../users/index.js';
import { loadSettings, settingsFor, type ResolvedSettings, twoFactorRequiredFor } from '../settings/index.js';
import { twoFactorEnabledAmong } from '../two-factor/index.js';
import { identifyDevice } from '../devices/index.js';
import { findLiveSession, touchSession } from './session-repository.js';
import { sessionPolicy } from './session-policy.js';
import type { CachedIdentity, IdentityCache } from './identity-cache.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * what the route needs: a permission, `public` for routes anyone may call, `agent` for a device credential,
     * or `scim` for an account's SCIM token (checked by the scim module's own hook, never a user's credential)
     */
    permission?: Permission | 'public' | 'agent' | 'scim';
    /**
     * only a signed-in person may do this, never an API token: what would let a credential outgrow
     * its owner (new tokens, the password, second factors)
     */
    sessionOnly?: true;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function actorFrom(user: UserWithAccess, via: Actor['via'], tokenId: string | null): Actor {
  return {
    userId: user.id,
    accountId: user.accountId,
    name: user.name,
    email: user.email,
    role: user.role,
    allCompanies: user.allCompanies || user.role === 'administrator',
    companyIds: user.companyIds,
    via,
    tokenId,
  };
}

/** Reads an API token's identity from the database; null when it is unknown, expired, revoked or its owner inactive. */
async function tokenIdentity(
  db: Db,
  secret: string,
  { withTwoFactor }: { withTwoFactor: boolean },
): Promise<CachedIdentity | null> {
  const token = await findLiveToken(db, secret);
  if (!token) return null;
  // the token carries its owner's rights as they are now, never more
  const user = await findUser(db, token.accountId, token.userId);
  if (!user || user.status !== 'active') return null;
  const actor = actorFrom(user, 'apiToken', token.id);
  const identity: CachedIdentity = {
    actor,
    session: null,
    token: {
      id: token.id,
      expiresAt: token.expiresAt?.getTime() ?? null,
      lastUsedAt: token.lastUsedAt?.getTime() ?? null,
    },
    mustEnrolTwoFactor: withTwoFactor ? await mustEnrol(db, await loadSettings(db, actor.accountId), actor) : false,
  };
  return identity;
}

/** last_used_at, written at most once a minute per token. */
async function noteTokenUse(db: Db, token: NonNullable<CachedIdentity['token']>): Promise<void> {
  const now = Date.now();
  if (token.lastUsedAt !== null && now - token.lastUsedAt < 60_000) return;
  await noteTokenUsed(db, token.id);
  token.lastUsedAt = now;
}

/** Reads a session's identity from the database; null when it ended (signed out, expired, idle) or its user is inactive. */
async function sessionIdentity(db: Db, cookie: string): Promise<CachedIdentity | null> {
  const found = cookie.length <= 100 ? await findLiveSession(db, cookie, sessionPolicy.maxIdleMinutes) : null;
  if (!found) return null;
  // idle expiry follows the account's security.sessionIdleMinutes
  const settings = await loadSettings(db, found.accountId);
  const idleMs = settings.get('security.sessionIdleMinutes') * 60_000;
  if (found.idleSeconds * 1000 > idleMs) return null;
  const user = await findUser(db, found.accountId, found.userId);
  if (!user || user.status !== 'active') return null;
  const actor = actorFrom(user, 'session', null);
  return {
    actor,
    session: {
      idHash: found.idHash,
      csrfToken: found.csrfToken,
      secondFactorPending: found.secondFactorPending,
      expiresAt: found.expiresAt.getTime(),
      lastSeenAt: Date.now() - found.idleSeconds * 1000,
      idleMs,
    },
    token: null,
    mustEnrolTwoFactor: await mustEnrol(db, settings, actor),
  };
}

/** Whether what memory holds for a credential can still be used as it is. */
function stillValid(identity: CachedIdentity, now: number): boolean {
  if (identity.token) return identity.token.expiresAt === null || identity.token.expiresAt > now;
  const session = identity.session!;
  return session.expiresAt > now && now - session.lastSeenAt <= session.idleMs;
}

/** The identity behind a credential: from memory when it is there and still valid, else from the database. */
async function resolveIdentity(
  db: Db,
  identities: IdentityCache | undefined,
  key: string,
  load: () => Promise<CachedIdentity | null>,
): Promise<CachedIdentity | null> {
  const now = Date.now();
  const known = identities?.get(key);
  if (known && stillValid(known, now)) return known;
  if (known) identities!.forget(key);
  const mark = identities?.mark() ?? 0;
  const loaded = await load();
  if (loaded && identities) identities.set(key, loaded, mark);
  return loaded;
}

/**
 * Finds who is calling: an `Authorization: Bearer` API token, else the session cookie.
 * Returns null when neither is present; throws 401 when one is present but not valid, and for
 * a session still waiting for its second factor (unless `allowPending`, for signing out).
 * With `identities`, a credential seen recently costs no database round trip.
 */
export async function identify(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  { allowPending = false, identities }: { allowPending?: boolean; identities?: IdentityCache } = {},
): Promise<CachedIdentity | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    const secret = match?.[1];
    const identity = secret
      ? await resolveIdentity(db, identities, `token:${sha256(secret)}`, () =>
          tokenIdentity(db, secret, { withTwoFactor: true }),
        )
      : null;
    if (!identity) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.');
    await noteTokenUse(db, identity.token!);
    return identity;
  }
  const cookie = request.cookies[sessionPolicy.cookieName];
  if (!cookie) return null;
  const identity =
    cookie.length <= 100
      ? await resolveIdentity(db, identities, `session:${sha256(cookie)}`, () => sessionIdentity(db, cookie))
      : null;
  if (!identity) {
    reply.clearCookie(sessionPolicy.cookieName, { path: '/' });
    throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  }
  const session = identity.session!;
  if (session.secondFactorPending && !allowPending) {
    throw new AppError(
      'unauthenticated',
      'Signing in is not finished: enter the code from your authenticator app (POST /api/v1/auth/login/totp), or use your passkey (POST /api/v1/auth/login/passkey), before anything else.',
      { reason: 'second_factor_required' },
    );
  }
  const now = Date.now();
  if (now - session.lastSeenAt >= sessionPolicy.touchEverySeconds * 1000) {
    await touchSession(db, session.idHash);
    session.lastSeenAt = now;
  }
  request.session = { idHash: session.idHash, csrfToken: session.csrfToken };
  return identity;
}

/** What a long-lived connection (a live socket) presented when it opened. */
export type Credential = { kind: 'apiToken'; secret: string } | { kind: 'session'; cookie: string };

export function credentialOf(request: FastifyRequest): Credential | null {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(request.headers.authorization ?? '');
  if (match) return { kind: 'apiToken', secret: match[1]! };
  const cookie = request.cookies[sessionPolicy.cookieName];
  return cookie && cookie.length <= 100 ? { kind: 'session', cookie } : null;
}

/**
 * Who a live connection's credential stands for now, exactly as a request carrying it would find
 * it: from the identity cache while nothing changed (no database read), else from the database.
 * Null when the token was revoked, the session ended (signed out, idle per the account's setting)
 * or still waits for its second factor, or the user was disabled. `mustEnrolTwoFactor` says
 * whether security.requireTwoFactor now applies. An open socket is not activity: the session is
 * not touched.
 */
export async function recheckCredential(
  db: Db,
  credential: Credential,
  identities?: IdentityCache,
): Promise<CachedIdentity | null> {
  if (credential.kind === 'apiToken') {
    const { secret } = credential;
    return resolveIdentity(db, identities, `token:${sha256(secret)}`, () =>
      tokenIdentity(db, secret, { withTwoFactor: true }),
    );
  }
  const { cookie } = credential;
  const identity = await resolveIdentity(db, identities, `session:${sha256(cookie)}`, () =>
    sessionIdentity(db, cookie),
  );
  return identity && !identity.session!.secondFactorPending ? identity : null;
}

/**
 * The sign-in waiting for its second factor that the session cookie names, if any: a live
 * session marked pending, of an active user. Sets `request.session` for the CSRF check.
 */
export async function pendingSignIn(
  db: Db,
  request: FastifyRequest,
): Promise<{ idHash: string; user: UserWithAccess } | null> {
  const cookie = request.cookies[sessionPolicy.cookieName];
  const session =
    cookie && cookie.length <= 100 ? await findLiveSession(db, cookie, sessionPolicy.maxIdleMinutes) : null;
  if (!session?.secondFactorPending) return null;
  const user = await findUser(db, session.accountId, session.userId);
  if (!user || user.status !== 'active') return null;
  request.session = { idHash: session.idHash, csrfToken: session.csrfToken };
  return { idHash: session.idHash, user };
}

/** Every state-changing request made with a session cookie carries the session's CSRF token. */
export function assertCsrf(request: FastifyRequest): void {
  if (!request.session || !unsafeMethods.has(request.method)) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) {
    throw new AppError('csrf_failed', 'The request lacks a valid X-CSRF-Token header. Reload the page and try again.');
  }
}

/**
 * The `onRequest` hook of every route: authenticates, checks CSRF and the route's declared
 * permission before the body is even parsed. Public routes pass through untouched.
 */
export function authenticationHook(db: Db, identities?: IdentityCache) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.actor = null;
    request.session = null;
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public' || permission === 'scim') return;
    // agent routes: the caller is a device, known by its credential (never a user)
    if (permission === 'agent') {
      request.deviceCredentialHash = identifyDevice(request);
      return;
    }
    const identity = await identify(db, request, reply, { identities });
    if (!identity) throw new AppError('unauthenticated', 'Sign in, or send an API token, to use this route.');
    const actor = identity.actor;
    request.actor = actor;
    request.log = request.log.child({ accountId: actor.accountId, userId: actor.userId });
    assertCsrf(request);
    authorize(actor, permission);
    if (request.routeOptions.config?.sessionOnly && actor.via !== 'session') {
      throw new AppError(
        'forbidden',
        'An API token cannot do this: API tokens may not create tokens or change passwords or second factors. Sign in to do it.',
      );
    }
    if (identity.mustEnrolTwoFactor && !allowedBeforeEnrolment(request)) {
      throw new AppError(
        'two_factor_enrolment_required',
        'Your organisation requires two-factor sign-in: set it up in My account before doing anything else.',
      );
    }
  };
}

/**
 * What a request that changed something does to the identities this process remembers: a
 * successful change made by someone forgets what was remembered for their account at once
 * (other processes hear of it from the database's notification). Sign-out, a role or company
 * change, a revoked token, a setting: the very next request sees it.
 */
export function forgetChangedIdentities(identities: IdentityCache) {
  return async function onSend(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.actor && unsafeMethods.has(request.method) && reply.statusCode < 400)
      identities.accountChanged(request.actor.accountId);
  };
}

/** What a user who must enrol a second factor may still do: see who they are, enrol, sign out. */
function allowedBeforeEnrolment(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return (
    (url === '/api/v1/me' && request.method === 'GET') ||
    url.startsWith('/api/v1/me/two-factor') ||
    url.startsWith('/api/v1/me/passkeys') ||
    url === '/api/v1/auth/logout'
  );
}

/**
 * security.requireTwoFactor: a user must enrol when the account requires it, or one of the
 * companies they work in does, and they have no confirmed second factor yet.
 */
export async function mustEnrolTwoFactor(db: Db, request: FastifyRequest, actor: Actor): Promise<boolean> {
  return mustEnrol(db, await settingsFor(request, db, actor.accountId), actor);
}

async function mustEnrol(db: Db, settings: ResolvedSettings, actor: Actor): Promise<boolean> {
  if (!(await twoFactorRequiredFor(db, settings, actor.accountId, actor.allCompanies ? 'all' : actor.companyIds)))
    return false;
  return !(await twoFactorEnabledAmong(db, actor.accountId, [actor.userId])).has(actor.userId);
}

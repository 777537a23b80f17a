import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { SsoFailure } from '../../../shared/contracts/sso.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { startSession } from '../auth/index.js';
import { personClaims } from './claims.js';
import { configurationOf } from './oidc-client.js';
import { callbackUrlOf } from './presenter.js';
import * as repo from './repository.js';
import { matchUser } from './user-match.js';

/** A sign-in under way waits 10 minutes for the provider to send the person back. */
const signInMinutes = 10;
/** The cookie that ties a sign-in under way to the browser that started it (its state, HttpOnly). */
export const stateCookie = 'tandem_sso';

export interface SignInDeps {
  db: Db;
  secrets: SecretBox;
  publicUrl: string;
  secureCookies: boolean;
  /** forgets what this process remembers of the account's identities (a sign-in may have changed a user's access) */
  accountChanged: (accountId: string) => void;
}

const providerUnreachable = () =>
  new AppError('unavailable', 'The sign-in provider cannot be reached now. Try again in a moment.');

/**
 * Starts a sign-in at a provider: a state, a nonce and a PKCE verifier kept server-side for 10
 * minutes (the state's sha-256 only), the state in an HttpOnly cookie; answers the provider's
 * authorization address to send the browser to.
 */
export async function startSignIn(
  deps: SignInDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  providerId: string,
  returnTo: string | undefined,
): Promise<string> {
  const provider = await repo.enabledProvider(deps.db, providerId);
  if (!provider) throw notFound('This sign-in provider');
  const config = await configurationOf(provider, deps.secrets).catch(() => {
    throw providerUnreachable();
  });
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await repo.insertSignIn(deps.db, {
    stateHash: sha256(state),
    accountId: provider.accountId,
    providerId: provider.id,
    nonce,
    codeVerifier,
    returnTo: returnTo ?? null,
    expiresAt: new Date(Date.now() + signInMinutes * 60_000),
  });
  reply.setCookie(stateCookie, state, {
    path: '/api/v1/auth/sso',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.secureCookies || request.protocol === 'https',
    maxAge: signInMinutes * 60,
  });
  return client
    .buildAuthorizationUrl(config, {
      redirect_uri: callbackUrlOf(deps.publicUrl),
      scope: provider.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    .toString();
}

export type CallbackOutcome = { signedIn: true; returnTo: string } | { signedIn: false; failure: SsoFailure };

async function refused(
  db: Db,
  ctx: RequestContext,
  accountId: string,
  failure: SsoFailure,
  detail: Record<string, unknown>,
): Promise<CallbackOutcome> {
  await recordAudit(db, ctx, {
    accountId,
    action: 'auth.login_failed',
    after: { method: 'oidc', reason: failure, ...detail },
  });
  return { signedIn: false, failure };
}

/**
 * The provider sends the person back: the state must be the one this browser started (cookie) and
 * still under way (taken once: a replayed callback finds nothing); the code is exchanged with the PKCE
 * verifier; the ID token's signature, issuer, audience, expiry (60 s of clock tolerance) and nonce are
 * checked by openid-client. Then the user is matched (`matchUser`) and a session opened, audited
 * `auth.login` with the method and provider. Never a 500 for what a browser or provider sends.
 */
export async function finishSignIn(
  deps: SignInDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: RequestContext,
  query: { state?: string; error?: string },
): Promise<CallbackOutcome> {
  const { db } = deps;
  const cookieState = request.cookies[stateCookie];
  reply.clearCookie(stateCookie, { path: '/api/v1/auth/sso' });
  const state = query.state;
  if (!state || !cookieState || !safeEqual(state, cookieState)) return { signedIn: false, failure: 'expired' };
  const pending = await repo.takeSignIn(db, sha256(state));
  if (!pending) return { signedIn: false, failure: 'expired' };
  const provider = await repo.enabledProvider(db, pending.providerId);
  if (!provider) return { signedIn: false, failure: 'expired' };
  const audit = { providerId: provider.id };
  if (query.error) return refused(db, ctx, provider.accountId, 'provider_error', { ...audit, error: query.error });

  let claims: Record<string, unknown>;
  try {
    const config = await configurationOf(provider, deps.secrets);
    const search = new URL(request.url, 'http://callback').search;
    const tokens = await client.authorizationCodeGrant(config, new URL(`${callbackUrlOf(deps.publicUrl)}${search}`), {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    claims = { ...idToken };
    // some providers keep e-mail or groups for the userinfo endpoint
    if (
      (claims.email === undefined || claims[provider.groupsClaim] === undefined) &&
      config.serverMetadata().userinfo_endpoint
    ) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub).catch(() => null);
      if (info)
        claims = {
          ...info,
          ...claims,
          ...(claims[provider.groupsClaim] === undefined ? { [provider.groupsClaim]: info[provider.groupsClaim] } : {}),
        };
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'refused';
    return refused(db, ctx, provider.accountId, 'token_refused', { ...audit, error: reason.slice(0, 300) });
  }

  const person = personClaims(claims, provider.groupsClaim);
  const matched = await db.transaction((tx) => matchUser(tx, ctx, provider, person));
  // the groups may have changed the person's access, or disabled them: this process's next request and live
  // sockets see it at once (other processes hear of it from the database's notification)
  deps.accountChanged(provider.accountId);
  if ('failure' in matched) {
    return refused(db, ctx, provider.accountId, matched.failure, {
      ...audit,
      subject: person.subject,
      email: person.email,
    });
  }
  await startSession(db, request, reply, matched.user, deps.secureCookies, { method: 'oidc', providerId: provider.id });
  return { signedIn: true, returnTo: pending.returnTo ?? '/' };
}

/** The enabled providers an e-mail's domain leads to: the same answer for an unknown domain (none). */
export async function providersForEmail(db: Db, email: string) {
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  return { providers: await repo.enabledProvidersOfDomain(db, domain) };
}

/** An account's own sign-in page: its name and enabled providers. */
export async function providersOfAccount(db: Db, accountId: string) {
  const found = await repo.enabledProvidersOfAccount(db, accountId);
  if (!found) throw notFound('This account');
  return found;
}

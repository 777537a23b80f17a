import { z } from 'zod';
import { loginBody, loginResponse, signedInResponse } from '../../../shared/contracts/auth.js';
import { loginTotpBody } from '../../../shared/contracts/two-factor.js';
import { AppError } from '../../platform/http/app-error.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import type { App, Deps } from '../../platform/http/types.js';
import { contextOf } from '../../platform/http/request-context.js';
import { presentUser } from '../users/index.js';
import { assertCsrf, identify, pendingSignIn } from './authenticate.js';
import { ensureKnownBrowserCookie } from './known-browser.js';
import { clearSessionCookie } from './session-cookie.js';
import {
  codeProof,
  completeSecondFactor,
  signOut,
  startPendingSession,
  startSession,
  verifyCredentials,
} from './service.js';

export async function authRoutes(app: App, { database, config, secrets }: Deps) {
  const { db } = database;

  app.post('/api/v1/auth/login', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      description:
        'When the e-mail and password are right for users of several accounts, the answer is `accountChoice` with those accounts (id and name); sign in again with the same e-mail, password and the chosen `accountId`.',
      body: loginBody,
      response: { 200: loginResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const browser = ensureKnownBrowserCookie(request, reply, config.secureCookies);
      const verified = await verifyCredentials(
        db,
        contextOf(request),
        request.body.email,
        request.body.password,
        browser,
        request.body.accountId,
      );
      if ('accountChoice' in verified) return verified;
      if (verified.secondFactors.length > 0) {
        return {
          twoFactorRequired: true as const,
          secondFactors: verified.secondFactors,
          csrfToken: await startPendingSession(db, request, reply, verified, config.secureCookies),
        };
      }
      const csrfToken = await startSession(db, request, reply, verified, config.secureCookies);
      return { user: presentUser(verified), csrfToken };
    },
  });

  app.post('/api/v1/auth/login/totp', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Second step of sign-in: a code of the authenticator app, or a recovery code',
      description:
        'Needs the session cookie and X-CSRF-Token that POST /auth/login gave with `twoFactorRequired`. On success, the session is replaced by a new one (new cookie, new CSRF token). Wrong codes count toward the sign-in throttle.',
      body: loginTotpBody,
      response: {
        200: signedInResponse,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const pending = await pendingSignIn(db, request);
      if (!pending) {
        throw new AppError(
          'unauthenticated',
          'No sign-in is waiting for a code here, or it expired after 5 minutes. Sign in again with your password.',
        );
      }
      assertCsrf(request);
      const proof = codeProof(secrets, pending.user, request.body.code);
      const { csrfToken, user } = await completeSecondFactor(db, request, reply, pending, proof, {
        secureCookies: config.secureCookies,
      });
      return { user: presentUser(user), csrfToken };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign out: ends the session and clears its cookie',
      response: { 204: z.null(), 403: errorResponse },
    },
    handler: async (request, reply) => {
      // an ended or unknown session is already signed out: nothing to do but clear the cookie
      const actor = (await identify(db, request, reply, { allowPending: true }).catch(() => null))?.actor;
      if (actor && request.session) {
        // who signs out: what this process remembers of their account is forgotten when this answers
        request.actor = actor;
        assertCsrf(request);
        await signOut(db, { ...contextOf(request), actor }, request.session.idHash);
      }
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });
}

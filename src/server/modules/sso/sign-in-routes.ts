import {
  ssoAccountParams,
  ssoAccountProvidersResponse,
  ssoCallbackQuery,
  ssoDiscoverBody,
  ssoDiscoverResponse,
  ssoStartParams,
  ssoStartQuery,
} from '../../../shared/contracts/sso.js';
import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import { contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import type { IdentityCache } from '../auth/index.js';
import { callbackPath } from './presenter.js';
import {
  finishSignIn,
  providersForEmail,
  providersOfAccount,
  startSignIn,
  type SignInDeps,
} from './sign-in-service.js';

const tags = ['auth'];
const redirect = z.null().describe('a redirection (Location)');

/** Signing in through a provider: which providers an e-mail leads to, the start, the callback. */
export async function ssoSignInRoutes(
  app: App,
  { database, config, secrets }: Deps,
  identities: IdentityCache,
): Promise<void> {
  const deps: SignInDeps = {
    db: database.db,
    secrets,
    publicUrl: publicUrlOf(config),
    secureCookies: config.secureCookies,
    accountChanged: (accountId) => identities.accountChanged(accountId),
  };

  app.post('/api/v1/auth/sso/discover', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: "The enabled sign-in providers an e-mail's domain leads to",
      description:
        'The same answer whether or not the e-mail belongs to anyone: only its domain is looked at (an empty list when none).',
      body: ssoDiscoverBody,
      response: { 200: ssoDiscoverResponse, 400: errorResponse, 429: errorResponse },
    },
    handler: async (request) => providersForEmail(deps.db, request.body.email),
  });

  app.get('/api/v1/auth/sso/accounts/:accountId', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: "An account's own sign-in page: its name and enabled providers",
      params: ssoAccountParams,
      response: { 200: ssoAccountProvidersResponse, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request) => providersOfAccount(deps.db, request.params.accountId),
  });

  app.get('/api/v1/auth/sso/providers/:id/start', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Start signing in through a provider: redirects the browser to it',
      description: `The provider sends the browser back to ${callbackPath}. \`returnTo\`: a path of the console to open once signed in.`,
      params: ssoStartParams,
      querystring: ssoStartQuery,
      response: { 302: redirect, 400: errorResponse, 404: errorResponse, 429: errorResponse, 503: errorResponse },
    },
    handler: async (request, reply) => {
      const url = await startSignIn(deps, request, reply, request.params.id, request.query.returnTo);
      return reply.redirect(url, 302);
    },
  });

  app.get(callbackPath, {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Where providers send the browser back: signs in, then redirects to the console',
      description:
        'Signed in: a redirection to the console with the session cookie. Otherwise a redirection to /login?sso=<reason> (expired, provider_error, token_refused, email_unverified, no_user, no_access, disabled).',
      querystring: ssoCallbackQuery,
      response: { 302: redirect, 400: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const outcome = await finishSignIn(deps, request, reply, contextOf(request), request.query);
      return reply.redirect(outcome.signedIn ? outcome.returnTo : `/login?sso=${outcome.failure}`, 302);
    },
  });
}

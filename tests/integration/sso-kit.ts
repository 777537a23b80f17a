import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/platform/http/types.js';
import { signInAtProvider, type TestProvider } from '../support/oidc-provider.js';
import { call, type Caller } from '../support/test-app.js';

/** The address the tests' Tandem believes it has (the provider's client is registered for its callback). */
export const tandemUrl = 'http://tandem.test';
export const callbackUrl = `${tandemUrl}/api/v1/auth/sso/callback`;

/** Adds an enabled provider for the test provider through the API; answers its id. */
export async function addProvider(
  app: App,
  admin: Caller,
  idp: TestProvider,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/sso-providers',
    payload: {
      name: 'Test provider',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid email profile groups',
      enabled: true,
      ...fields,
    },
  });
  if (res.statusCode !== 201) throw new Error(`adding a provider: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export interface ProviderTrip {
  /** the start's answer: its redirection to the provider and the state cookie */
  start: LightMyRequestResponse;
  stateCookie: string;
  /** where the provider sent the browser back (code and state) */
  back: string;
}

/** Starts a sign-in and goes through the provider's login page as `login`; stops before the callback. */
export async function throughProvider(app: App, providerId: string, login: string): Promise<ProviderTrip> {
  const start = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/providers/${providerId}/start` });
  if (start.statusCode !== 302) throw new Error(`start: ${start.statusCode} ${start.body}`);
  const stateCookie = start.cookies.find((c) => c.name === 'tandem_sso')?.value ?? '';
  const back = await signInAtProvider(String(start.headers.location), login, callbackUrl);
  return { start, stateCookie, back };
}

/** The browser comes back to Tandem's callback (with the state cookie unless told otherwise). */
export function callback(app: App, trip: ProviderTrip, stateCookie = trip.stateCookie) {
  const url = new URL(trip.back);
  return app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: stateCookie ? { cookie: `tandem_sso=${stateCookie}` } : {},
  });
}

/** The whole sign-in; answers the callback's response. */
export async function ssoSignIn(app: App, providerId: string, login: string) {
  return callback(app, await throughProvider(app, providerId, login));
}

/** A session caller from a callback that signed in; the CSRF token from /auth/session. */
export async function callerFrom(app: App, res: LightMyRequestResponse): Promise<Caller> {
  const session = res.cookies.find((c) => c.name === 'tandem_session');
  if (!session) throw new Error(`not signed in: ${res.statusCode} ${String(res.headers.location)}`);
  const cookie = `tandem_session=${session.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  return { headers: { cookie, 'x-csrf-token': me.json().csrfToken } };
}

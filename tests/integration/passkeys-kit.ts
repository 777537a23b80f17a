import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/platform/http/types.js';
import { testPassword } from '../support/builders/index.js';
import { SoftAuthenticator, type CeremonyTweaks, type SoftCredential } from '../support/software-authenticator.js';
import { call, sessionCookieOf, type Caller } from '../support/test-app.js';

/** The server's public address in these tests: a passkey's origin, and its host name the rpID. */
export const origin = 'http://localhost:5173';

export function passkeyKit(app: App) {
  const post = (caller: Caller, url: string, payload?: object) => call(app, caller, { method: 'POST', url, payload });

  /** Registers a passkey for a signed-in user with this authenticator; answers the server's reply and the credential. */
  async function register(
    caller: Caller,
    authenticator: SoftAuthenticator,
    name = 'Laptop',
    tweaks: CeremonyTweaks = {},
  ): Promise<{ res: LightMyRequestResponse; credential: SoftCredential; answer: object }> {
    const started = await post(caller, '/api/v1/me/passkeys/options', { password: testPassword });
    expect(started.statusCode, started.body).toBe(200);
    const { credential, response } = authenticator.create(started.json().options, tweaks);
    const res = await post(caller, '/api/v1/me/passkeys', { name, response });
    return { res, credential, answer: response };
  }

  /** Signs in with a passkey alone: the options (and their cookie), then the answer in the same browser. */
  async function signInWith(
    authenticator: SoftAuthenticator,
    credential: SoftCredential,
    tweaks: CeremonyTweaks = {},
  ): Promise<LightMyRequestResponse> {
    const started = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
    expect(started.statusCode, started.body).toBe(200);
    const cookie = started.cookies.find((c) => c.name === 'tandem_passkey');
    expect(cookie?.httpOnly).toBe(true);
    const response = authenticator.get(started.json().options, credential, tweaks);
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey',
      payload: { response },
      cookies: { tandem_passkey: cookie!.value },
    });
  }

  /** The first step of sign-in for a user with a second factor: a pending session caller. */
  async function passwordStep(email: string, accountId?: string): Promise<Caller & { secondFactors: string[] }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: testPassword, accountId },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().twoFactorRequired, res.body).toBe(true);
    return {
      secondFactors: res.json().secondFactors,
      headers: { cookie: `tandem_session=${sessionCookieOf(res)}`, 'x-csrf-token': res.json().csrfToken },
    };
  }

  /** The passkey second step of a pending sign-in. */
  async function secondStep(
    pending: Caller,
    authenticator: SoftAuthenticator,
    credential: SoftCredential,
    tweaks: CeremonyTweaks = {},
  ): Promise<LightMyRequestResponse> {
    const started = await post(pending, '/api/v1/auth/login/passkey/options');
    expect(started.statusCode, started.body).toBe(200);
    return post(pending, '/api/v1/auth/login/passkey', {
      response: authenticator.get(started.json().options, credential, tweaks),
    });
  }

  const sessionOf = (res: LightMyRequestResponse): Caller => ({
    headers: { cookie: `tandem_session=${sessionCookieOf(res)}`, 'x-csrf-token': res.json().csrfToken },
  });

  return { post, register, signInWith, passwordStep, secondStep, sessionOf };
}

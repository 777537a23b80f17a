import { fileURLToPath } from 'node:url';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { App } from '../../src/server/platform/http/types.js';
import { createTestDatabase } from './test-database.js';
import { testPassword } from './builders/users.js';

export interface TestApp {
  app: App;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  config: Config;
}

/** A stand-in for the built customer portal (dist/portal): an index.html and one script. */
export const testPortalDir = fileURLToPath(new URL('./portal-fixture', import.meta.url));

/** The key that seals the tests' authenticator secrets. */
export const testSecretKeys = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** The real app on this file's own database; no console files, silent logs. */
export async function createTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TANDEM_DATA_DIR: '/nonexistent',
    TANDEM_SECRET_KEYS: testSecretKeys,
    // a stand-in for `npm run build:agent`'s dist/agent: a manifest and one small file
    TANDEM_AGENT_DIR: fileURLToPath(new URL('../fixtures/agent-dist', import.meta.url)),
    ...env,
  });
  const app = await buildApp({ config, database, consoleDir: '/nonexistent', portalDir: testPortalDir });
  await app.ready();
  afterAll(() => app.close());
  return { app, database, config };
}

/** How a test calls the API: as nobody, with a session (cookie + CSRF token) or with a bearer token. */
export interface Caller {
  headers: Record<string, string>;
  /** leave out the CSRF header, to test its refusal */
  withoutCsrf?: boolean;
}

export const anonymous: Caller = { headers: {} };

export function call(app: App, caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...caller.headers, ...(options.headers as Record<string, string>) };
  if (caller.withoutCsrf) delete headers['x-csrf-token'];
  return app.inject({ ...options, headers });
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'tandem_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return cookie.value;
}

/** A session caller's header, which must be there (`cookie`, `x-csrf-token`). */
export function headerOf(caller: Caller, name: 'cookie' | 'x-csrf-token'): string {
  const value = caller.headers[name];
  if (value === undefined) throw new Error(`the caller has no ${name} header`);
  return value;
}

/** Signs in through the API and returns a session caller. */
export async function signIn(app: App, email: string, password = testPassword): Promise<Caller> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  return {
    headers: { cookie: `tandem_session=${sessionCookieOf(response)}`, 'x-csrf-token': response.json().csrfToken },
  };
}

/** Creates an API token for a signed-in user and returns a bearer caller. */
export async function bearerFor(app: App, session: Caller, name = 'test token'): Promise<Caller & { tokenId: string }> {
  const response = await call(app, session, { method: 'POST', url: '/api/v1/api-tokens', payload: { name } });
  if (response.statusCode !== 201) throw new Error(`token creation failed: ${response.statusCode} ${response.body}`);
  const { token, id } = response.json();
  return { headers: { authorization: `Bearer ${token}` }, tokenId: id };
}

import { inArray } from 'drizzle-orm';
import { loadConfig } from '../../../../src/server/config.js';
import { passkeys } from '../../../../src/server/modules/passkeys/tables.js';
import { publicUrlOf } from '../../../../src/server/platform/http/public-url.js';
import type { App } from '../../../../src/server/platform/http/types.js';
import { testPassword } from '../../../support/builders/index.js';
import { SoftAuthenticator, type SoftCredential } from '../../../support/software-authenticator.js';
import { call, sessionCookieOf, signIn, type Caller } from '../../../support/test-app.js';
import { all, missingId, signedIn, type CaseContext, type MatrixRow } from '../matrix-kit.js';

/** The matrix's app has no public address configured: its passkeys are for http://localhost:<default port>. */
const origin = publicUrlOf(loadConfig({ TANDEM_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }));

/** Registers a passkey for a signed-in session; answers its id and the credential. */
async function registerFor(
  app: App,
  session: Caller,
): Promise<{ id: string; authenticator: SoftAuthenticator; credential: SoftCredential }> {
  const started = await call(app, session, {
    method: 'POST',
    url: '/api/v1/me/passkeys/options',
    payload: { password: testPassword },
  });
  const authenticator = new SoftAuthenticator(origin);
  const { credential, response } = authenticator.create(started.json().options);
  const res = await call(app, session, {
    method: 'POST',
    url: '/api/v1/me/passkeys',
    payload: { name: 'Matrix', response },
  });
  if (res.statusCode !== 201) throw new Error(`passkey registration failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, authenticator, credential };
}

/** Every passkey of the world's users removed again: later rows sign them in with a password alone. */
async function forgetPasskeys({ db, world }: CaseContext): Promise<void> {
  const ids = Object.values(world.users).map((u) => u.id);
  await db.delete(passkeys).where(inArray(passkeys.userId, ids));
}

/** The passkey a row aims at: the caller's own, a colleague's, another account's, or none. */
async function targetPasskey(ctx: CaseContext): Promise<string> {
  const { app, world, session, target } = ctx;
  if (target === 'missing' || ctx.who === 'anonymous') return missingId;
  if (target === 'own') return (await registerFor(app, session)).id;
  const owner = target === 'otherCompany' ? world.users.colleague : world.users.otherAccountAdmin;
  return (await registerFor(app, await signIn(app, owner.email))).id;
}

const ownOnly = { own: 0, otherCompany: 404, otherAccount: 404, missing: 404 };
const mine = (status: number) => ({
  anonymous: 401,
  administrator: { ...ownOnly, own: status },
  technician: { ...ownOnly, own: status },
  viewer: { ...ownOnly, own: status },
});

/**
 * Passkeys: your own (My account, session only), signing in with one alone, and one as the second
 * step. Every row removes the passkeys it made, so the world's users keep signing in with a password.
 */
export const passkeyRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/me/passkeys',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me/passkeys' }),
    expect: signedIn(200),
    sessionOnly: true,
  },
  {
    route: 'POST /api/v1/me/passkeys/options',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/me/passkeys/options', payload: { password: testPassword } }),
    expect: signedIn(200),
    sessionOnly: true,
  },
  {
    route: 'POST /api/v1/me/passkeys',
    targets: ['none'],
    // the session asks for the options; the caller sends the authenticator's answer
    request: async ({ app, who, session }) => {
      if (who === 'anonymous')
        return { method: 'POST', url: '/api/v1/me/passkeys', payload: { name: 'X', response: {} } };
      const started = await call(app, session, {
        method: 'POST',
        url: '/api/v1/me/passkeys/options',
        payload: { password: testPassword },
      });
      const { response } = new SoftAuthenticator(origin).create(started.json().options);
      return { method: 'POST', url: '/api/v1/me/passkeys', payload: { name: 'Matrix', response } };
    },
    expect: signedIn(201),
    sessionOnly: true,
    after: forgetPasskeys,
  },
  {
    route: 'PATCH /api/v1/me/passkeys/:id',
    targets: ['own', 'otherCompany', 'otherAccount', 'missing'],
    request: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/me/passkeys/${await targetPasskey(ctx)}`,
      payload: { name: 'Renamed' },
    }),
    expect: mine(200),
    sessionOnly: true,
    after: forgetPasskeys,
  },
  {
    route: 'DELETE /api/v1/me/passkeys/:id',
    targets: ['own', 'otherCompany', 'otherAccount', 'missing'],
    request: async (ctx) => ({
      method: 'DELETE',
      url: `/api/v1/me/passkeys/${await targetPasskey(ctx)}`,
      payload: { password: testPassword },
    }),
    expect: mine(204),
    sessionOnly: true,
    after: forgetPasskeys,
  },
  {
    route: 'POST /api/v1/auth/passkey/options',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/auth/passkey/options', caller: { headers: {} } }),
    expect: all(200),
  },
  {
    route: 'POST /api/v1/auth/passkey',
    targets: ['none'],
    // the caller's user signs in with a passkey of theirs; anonymously, with no ceremony started
    request: async ({ app, who, session }) => {
      if (who === 'anonymous')
        return {
          method: 'POST',
          url: '/api/v1/auth/passkey',
          caller: nobody,
          payload: {
            response: new SoftAuthenticator(origin).get({ rpId: 'localhost', challenge: 'AAAA' }, unknownCredential()),
          },
        };
      const { authenticator, credential } = await registerFor(app, session);
      const started = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
      const cookie = started.cookies.find((c) => c.name === 'tandem_passkey')!.value;
      return {
        method: 'POST',
        url: '/api/v1/auth/passkey',
        caller: { headers: { cookie: `tandem_passkey=${cookie}` } },
        payload: { response: authenticator.get(started.json().options, credential) },
      };
    },
    expect: { anonymous: 409, administrator: 200, technician: 200, viewer: 200 },
    after: forgetPasskeys,
  },
  {
    route: 'POST /api/v1/auth/login/passkey/options',
    targets: ['none'],
    request: async ({ app, world, who, session }) => {
      if (who === 'anonymous') return { method: 'POST', url: '/api/v1/auth/login/passkey/options' };
      await registerFor(app, session);
      return {
        method: 'POST',
        url: '/api/v1/auth/login/passkey/options',
        caller: await pendingOf(app, world.users[who].email),
      };
    },
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
    after: forgetPasskeys,
  },
  {
    route: 'POST /api/v1/auth/login/passkey',
    targets: ['none'],
    // the caller's password step, then their passkey
    request: async ({ app, world, who, session }) => {
      if (who === 'anonymous')
        return {
          method: 'POST',
          url: '/api/v1/auth/login/passkey',
          payload: {
            response: new SoftAuthenticator(origin).get({ rpId: 'localhost', challenge: 'AAAA' }, unknownCredential()),
          },
        };
      const { authenticator, credential } = await registerFor(app, session);
      const pending = await pendingOf(app, world.users[who].email);
      const started = await call(app, pending, { method: 'POST', url: '/api/v1/auth/login/passkey/options' });
      return {
        method: 'POST',
        url: '/api/v1/auth/login/passkey',
        caller: pending,
        payload: { response: authenticator.get(started.json().options, credential) },
      };
    },
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
    after: forgetPasskeys,
  },
];

const nobody: Caller = { headers: {} };

/** A pending sign-in (the password given, the second factor awaited) of a user with a passkey. */
async function pendingOf(app: App, email: string): Promise<Caller> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: testPassword },
  });
  return { headers: { cookie: `tandem_session=${sessionCookieOf(login)}`, 'x-csrf-token': login.json().csrfToken } };
}

/** A credential no server knows. */
function unknownCredential(): SoftCredential {
  const authenticator = new SoftAuthenticator(origin);
  return authenticator.create({ rp: { id: 'localhost' }, user: { id: 'AAAAAAAAAAAAAAAAAAAAAA' }, challenge: 'AAAA' })
    .credential;
}

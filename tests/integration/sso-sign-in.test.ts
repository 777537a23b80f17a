import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ssoIdentities } from '../../src/server/modules/sso/tables.js';
import { users } from '../../src/server/modules/users/tables.js';
import { startTestProvider } from '../support/oidc-provider.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, auditRowsOf, auditRowsOfAccount, aUser } from '../support/builders/index.js';
import { addProvider, callback, callbackUrl, callerFrom, ssoSignIn, tandemUrl, throughProvider } from './sso-kit.js';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: tandemUrl });
const db = database.db;
const idp = await startTestProvider([callbackUrl]);
afterAll(() => idp.close());

const account = await anAccount(db, { name: 'Single sign-on' });
const admin = await signIn(app, account.admin.email);
const providerId = await addProvider(app, admin, idp, { linkByEmail: true, domains: ['sso.example'] });

const failureOf = (res: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(res.statusCode).toBe(302);
  return new URL(String(res.headers.location), tandemUrl).searchParams.get('sso');
};

describe('signing in through an OpenID provider', () => {
  it('starts with PKCE, state and nonce, and an HttpOnly state cookie', async () => {
    const start = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/providers/${providerId}/start` });
    expect(start.statusCode).toBe(302);
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(callbackUrl);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const cookie = start.cookies.find((c) => c.name === 'tandem_sso');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', value: url.searchParams.get('state') });
    const unknown = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/providers/${crypto.randomUUID()}/start` });
    expect(unknown.statusCode).toBe(404);
  });

  it('links an existing user by verified e-mail, signs them in and audits how', async () => {
    const user = await aUser(db, account, { role: 'technician', email: 'ann@sso.example' });
    idp.setPerson('ann-sub', { email: 'Ann@sso.example', email_verified: true, name: 'Ann' });
    const res = await ssoSignIn(app, providerId, 'ann-sub');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const caller = await callerFrom(app, res);
    const me = await call(app, caller, { method: 'GET', url: '/api/v1/me' });
    expect(me.json().user.email).toBe('ann@sso.example');
    const [link] = await db.select().from(ssoIdentities).where(eq(ssoIdentities.subject, 'ann-sub'));
    expect(link).toMatchObject({ userId: user.id, providerId });
    expect((await auditRowsOf(db, user.id, 'user.sso_link')).length).toBe(1);
    const logins = await auditRowsOf(db, user.id, 'auth.login');
    expect(logins.at(-1)!.after).toMatchObject({ method: 'oidc', providerId });

    // the next sign-in finds the user by (provider, subject), whatever the e-mail says now
    idp.setPerson('ann-sub', { email: 'ann.new@elsewhere.example', email_verified: false });
    const again = await ssoSignIn(app, providerId, 'ann-sub');
    expect((await callerFrom(app, again)).headers.cookie).toBeTruthy();
  });

  it('refuses an unverified e-mail, and a person it cannot match', async () => {
    await aUser(db, account, { role: 'technician', email: 'bob@sso.example' });
    idp.setPerson('bob-sub', { email: 'bob@sso.example', email_verified: false });
    const res = await ssoSignIn(app, providerId, 'bob-sub');
    expect(failureOf(res)).toBe('email_unverified');
    expect(res.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();
    expect(await db.select().from(ssoIdentities).where(eq(ssoIdentities.subject, 'bob-sub'))).toEqual([]);

    idp.setPerson('nobody-sub', { email: 'nobody@sso.example', email_verified: true });
    expect(failureOf(await ssoSignIn(app, providerId, 'nobody-sub'))).toBe('no_user');
    const failures = await auditRowsOfAccount(db, account.id, 'auth.login_failed');
    expect(failures.map((f) => (f.after as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['email_unverified', 'no_user']),
    );
  });

  it('refuses a disabled user', async () => {
    const user = await aUser(db, account, { role: 'technician', email: 'cy@sso.example', status: 'disabled' });
    idp.setPerson('cy-sub', { email: 'cy@sso.example', email_verified: true });
    expect(failureOf(await ssoSignIn(app, providerId, 'cy-sub'))).toBe('disabled');
    expect(await auditRowsOf(db, user.id, 'auth.login')).toEqual([]);
  });

  it('refuses a wrong state, a missing state cookie and a replayed callback', async () => {
    idp.setPerson('ann-sub', { email: 'ann@sso.example', email_verified: true });
    const trip = await throughProvider(app, providerId, 'ann-sub');
    // another browser's state cookie: the callback is not this browser's
    expect(failureOf(await callback(app, trip, 'someone-elses-state'))).toBe('expired');
    expect(failureOf(await callback(app, trip, ''))).toBe('expired');
    // the state was not consumed by those: the right browser still signs in, once
    const first = await callback(app, trip);
    expect(first.headers.location).toBe('/');
    const replay = await callback(app, trip);
    expect(failureOf(replay)).toBe('expired');
    expect(replay.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();

    // a state the server never issued, with a cookie to match
    const forged = new URL(trip.back);
    forged.searchParams.set('state', 'forged');
    expect(failureOf(await callback(app, { ...trip, back: forged.toString() }, 'forged'))).toBe('expired');
  });

  it('refuses a code sent back twice to a new sign-in (the provider refuses it too)', async () => {
    const trip = await throughProvider(app, providerId, 'ann-sub');
    expect((await callback(app, trip)).headers.location).toBe('/');
    // a new sign-in started by the browser, but the old code put in the callback
    const fresh = await throughProvider(app, providerId, 'ann-sub');
    const mixed = new URL(fresh.back);
    mixed.searchParams.set('code', new URL(trip.back).searchParams.get('code')!);
    const res = await callback(app, { ...fresh, back: mixed.toString() });
    expect(failureOf(res)).toBe('token_refused');
  });

  it('refuses an ID token for another audience, or expired beyond the 60 s tolerance', async () => {
    idp.tamperIdToken((claims) => ({ ...claims, aud: 'another-client' }));
    try {
      expect(failureOf(await ssoSignIn(app, providerId, 'ann-sub'))).toBe('token_refused');
      const now = Math.floor(Date.now() / 1000);
      idp.tamperIdToken((claims) => ({ ...claims, iat: now - 600, exp: now - 120 }));
      expect(failureOf(await ssoSignIn(app, providerId, 'ann-sub'))).toBe('token_refused');
      // within the tolerance: accepted
      idp.tamperIdToken((claims) => ({ ...claims, exp: now - 20 }));
      expect((await ssoSignIn(app, providerId, 'ann-sub')).headers.location).toBe('/');
      // a token signed with the right key but another nonce
      idp.tamperIdToken((claims) => ({ ...claims, nonce: 'another' }));
      expect(failureOf(await ssoSignIn(app, providerId, 'ann-sub'))).toBe('token_refused');
    } finally {
      idp.tamperIdToken(null);
    }
    const reasons = (await auditRowsOfAccount(db, account.id, 'auth.login_failed')).filter(
      (f) => (f.after as { reason: string }).reason === 'token_refused',
    );
    expect(reasons.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a disabled provider’s callback and start', async () => {
    const trip = await throughProvider(app, providerId, 'ann-sub');
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/sso-providers/${providerId}`,
      payload: { enabled: false },
    });
    try {
      expect(failureOf(await callback(app, trip))).toBe('expired');
      const start = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/providers/${providerId}/start` });
      expect(start.statusCode).toBe(404);
    } finally {
      await call(app, admin, {
        method: 'PATCH',
        url: `/api/v1/sso-providers/${providerId}`,
        payload: { enabled: true },
      });
    }
    const [ann] = await db
      .select()
      .from(users)
      .where(and(eq(users.accountId, account.id), eq(users.email, 'ann@sso.example')));
    expect(ann!.status).toBe('active');
  });
});

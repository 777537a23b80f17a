import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { anAccount, auditRowsOf, aUser, passkeysOf, recoveryCodesOf, testPassword } from '../support/builders/index.js';
import { SoftAuthenticator } from '../support/software-authenticator.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { origin, passkeyKit } from './passkeys-kit.js';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: origin });
const db = database.db;
const account = await anAccount(db, { name: 'Alpha', companies: 1 });
const otherAccount = await anAccount(db, { name: 'Beta', companies: 1 });
const { post, register, signInWith, passwordStep, secondStep, sessionOf } = passkeyKit(app);

async function userWithPasskey(target = account, options: { email?: string } = {}) {
  const user = await aUser(db, target, options);
  const authenticator = new SoftAuthenticator(origin);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: testPassword, accountId: target.id },
  });
  const { res, credential } = await register(sessionOf(login), authenticator);
  expect(res.statusCode, res.body).toBe(201);
  return { ...user, authenticator, credential };
}

const me = async (caller: Caller) => (await call(app, caller, { method: 'GET', url: '/api/v1/me' })).json();

describe('signing in with a passkey alone', () => {
  it('signs in as both factors: the user handle names the user; the use is recorded and audited', async () => {
    const user = await userWithPasskey();
    const res = await signInWith(user.authenticator, user.credential);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, email: user.email });
    expect((await me(sessionOf(res))).id ?? (await me(sessionOf(res))).user?.id).toBe(user.id);
    const [stored] = await passkeysOf(db, user.id);
    expect(stored!.lastUsedAt).not.toBeNull();
    expect(stored!.signCount).toBe(1);
    const logins = await auditRowsOf(db, user.id, 'auth.login');
    expect(logins.at(-1)?.after).toMatchObject({ email: user.email, method: 'passkey' });
  });

  it('refuses an authenticator that did not verify the user, with its own reason', async () => {
    const user = await userWithPasskey();
    const res = await signInWith(user.authenticator, user.credential, { userVerified: false });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details).toEqual({ reason: 'passkey_not_verified' });
    expect(res.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();
  });

  it('refuses an unknown credential, and a user handle that names someone else', async () => {
    const user = await userWithPasskey();
    const stranger = new SoftAuthenticator(origin);
    const { credential } = stranger.create({
      rp: { id: 'localhost' },
      user: { id: Buffer.from('x'.repeat(16)).toString('base64url') },
      challenge: 'AAAA',
    });
    const unknown = await signInWith(stranger, credential);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.details).toEqual({ reason: 'passkey_unknown' });
    const other = await userWithPasskey();
    const handle = Buffer.from(other.id.replace(/-/g, ''), 'hex').toString('base64url');
    const mismatched = await signInWith(user.authenticator, user.credential, { userHandle: handle });
    expect(mismatched.statusCode).toBe(401);
    expect(mismatched.json().error.details).toEqual({ reason: 'passkey_unknown' });
    const failures = await auditRowsOf(db, user.id, 'auth.login_failed');
    expect(failures.at(-1)?.after).toMatchObject({ passkey: true, reason: 'passkey_unknown' });
  });

  it('refuses another origin, another rpID, and a counter going backwards (a cloned authenticator)', async () => {
    const user = await userWithPasskey();
    expect((await signInWith(user.authenticator, user.credential, { counter: 5 })).statusCode).toBe(200);
    const wrongOrigin = await signInWith(user.authenticator, user.credential, { origin: 'http://127.0.0.1:5173' });
    expect(wrongOrigin.statusCode).toBe(401);
    expect(wrongOrigin.json().error.details).toEqual({ reason: 'passkey_refused' });
    const wrongRp = await signInWith(user.authenticator, user.credential, { rpId: 'example.test' });
    expect(wrongRp.json().error.details).toEqual({ reason: 'passkey_refused' });
    const cloned = await signInWith(user.authenticator, user.credential, { counter: 3 });
    expect(cloned.statusCode).toBe(401);
    expect(cloned.json().error.details).toEqual({ reason: 'passkey_refused' });
    expect((await passkeysOf(db, user.id))[0]!.signCount).toBe(5);
  });

  it('needs the challenge this browser started, once', async () => {
    const user = await userWithPasskey();
    const started = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
    const cookie = started.cookies.find((c) => c.name === 'tandem_passkey')!.value;
    const response = user.authenticator.get(started.json().options, user.credential);
    const noCookie = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey', payload: { response } });
    expect(noCookie.statusCode).toBe(409);
    expect(noCookie.json().error.details).toEqual({ reason: 'passkey_ceremony_expired' });
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/passkey',
        payload: { response },
        cookies: { tandem_passkey: cookie },
      });
    expect((await send()).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(409);
  });

  it('refuses a disabled user’s passkey', async () => {
    const user = await userWithPasskey();
    const admin = await signIn(app, account.admin.email);
    const disabled = await call(app, admin, { method: 'POST', url: `/api/v1/users/${user.id}/disable` });
    expect(disabled.statusCode, disabled.body).toBeLessThan(300);
    expect((await signInWith(user.authenticator, user.credential)).statusCode).toBe(401);
  });
});

describe('a passkey as the second factor', () => {
  it('after the right password, a user with a passkey is asked for it, and signs in with it', async () => {
    const user = await userWithPasskey();
    const pending = await passwordStep(user.email);
    expect(pending.secondFactors).toEqual(['passkey']);
    // nothing else is possible meanwhile
    expect((await call(app, pending, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const done = await secondStep(pending, user.authenticator, user.credential);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.id).toBe(user.id);
    expect((await call(app, sessionOf(done), { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await auditRowsOf(db, user.id, 'auth.login')).at(-1)?.after).toMatchObject({ secondFactor: 'passkey' });
  });

  it('with an authenticator too, offers both; a code and a recovery code still work', async () => {
    const user = await userWithPasskey();
    const pending = await passwordStep(user.email);
    const signedIn = sessionOf(await secondStep(pending, user.authenticator, user.credential));
    const started = await post(signedIn, '/api/v1/me/two-factor', { password: testPassword });
    const secret = started.json().manualKey.replace(/\s/g, '');
    const confirmed = await post(signedIn, '/api/v1/me/two-factor/confirm', {
      code: await generate({ secret }),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const both = await passwordStep(user.email);
    expect(both.secondFactors).toEqual(['totp', 'passkey']);
    const [code] = confirmed.json().recoveryCodes as string[];
    const byRecovery = await post(both, '/api/v1/auth/login/totp', { code });
    expect(byRecovery.statusCode, byRecovery.body).toBe(200);
    expect((await recoveryCodesOf(db, user.id)).filter((c) => c.usedAt !== null)).toHaveLength(1);
  });

  it('refuses another user’s passkey, and counts refusals in the sign-in throttle', async () => {
    const user = await userWithPasskey();
    const other = await userWithPasskey();
    const pending = await passwordStep(user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const started = await post(pending, '/api/v1/auth/login/passkey/options');
      const res = await post(pending, '/api/v1/auth/login/passkey', {
        response: other.authenticator.get(started.json().options, other.credential),
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 401) expect(res.json().error.details).toEqual({ reason: 'passkey_refused' });
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // even the right passkey waits now
    expect((await secondStep(pending, user.authenticator, user.credential)).statusCode).toBe(429);
    expect((await auditRowsOf(db, user.id, 'auth.totp_failed')).length).toBeGreaterThanOrEqual(5);
  });

  it('refuses the user verification missing at the second step too', async () => {
    const user = await userWithPasskey();
    const pending = await passwordStep(user.email);
    const res = await secondStep(pending, user.authenticator, user.credential, { userVerified: false });
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();
  });
});

describe('the same e-mail in two accounts', () => {
  it('a credential belongs to one user of one account: it signs in there, and is refused for the other', async () => {
    const beta = await userWithPasskey(otherAccount);
    const alpha = await userWithPasskey(account, { email: beta.email });
    // the passkey of Beta's user signs in to Beta only
    const res = await signInWith(beta.authenticator, beta.credential);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(beta.id);
    // Alpha's user's pending sign-in does not take Beta's passkey
    const pending = await passwordStep(alpha.email, account.id);
    const refused = await secondStep(pending, beta.authenticator, beta.credential);
    expect(refused.statusCode).toBe(401);
  });
});

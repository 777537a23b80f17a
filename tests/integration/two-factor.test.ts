import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/server/platform/crypto/secrets.js';
import { twoFactorEnabledAmong } from '../../src/server/modules/two-factor/index.js';
import {
  anAccount,
  auditActionsOf,
  auditRowsOf,
  aUser,
  expireSessions,
  nth,
  only,
  outboxRowsTo,
  recoveryCodesOf,
  sessionsOf,
  testPassword,
  tokensOf,
  totpUsedStepsAgo,
  type TestUser,
} from '../support/builders/index.js';
import { call, createTestApp, headerOf, sessionCookieOf, signIn, type Caller } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Totp', companies: 2 });
const admin = await signIn(app, account.admin.email);

/** A code of the authenticator app, `offset` seconds away from now. */
const codeAt = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset });

/** Codes are checked against the server's clock: stay clear of a step's last seconds so a test never straddles two steps. */
async function clearOfStepEdge() {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 26) await new Promise((r) => setTimeout(r, (30.5 - intoStep) * 1000));
}

const post = (caller: Caller, url: string, payload?: object) => call(app, caller, { method: 'POST', url, payload });
const statusOf = async (caller: Caller) =>
  (await call(app, caller, { method: 'GET', url: '/api/v1/me/two-factor' })).json();
const actions = (userId: string) => auditActionsOf(db, userId);

/** Enrols a user's authenticator; returns the secret (from the manual key) and the recovery codes. */
async function enrol(caller: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  await clearOfStepEdge();
  const started = await post(caller, '/api/v1/me/two-factor', { password: testPassword });
  expect(started.statusCode, started.body).toBe(201);
  const secret = started.json().manualKey.replace(/\s/g, '');
  const confirmed = await post(caller, '/api/v1/me/two-factor/confirm', { code: await codeAt(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes };
}

/** The first step of sign-in for a user with two-factor on: a pending session caller. */
async function passwordStep(email: string, remoteAddress = '127.0.0.1'): Promise<Caller & { cookie: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: testPassword },
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ twoFactorRequired: true, csrfToken: expect.any(String), secondFactors: ['totp'] });
  const cookie = sessionCookieOf(res);
  return { cookie, headers: { cookie: `tandem_session=${cookie}`, 'x-csrf-token': res.json().csrfToken } };
}

const secondStep = (pending: Caller, code: string, remoteAddress = '127.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login/totp',
    payload: { code },
    headers: pending.headers,
    remoteAddress,
  });

async function userWithTwoFactor(
  role: 'technician' | 'administrator' | 'viewer' = 'technician',
): Promise<TestUser & { session: Caller; secret: string; recoveryCodes: string[] }> {
  const user = await aUser(db, account, { role });
  const session = await signIn(app, user.email);
  return { ...user, session, ...(await enrol(session)) };
}

describe('enrolment from My account', () => {
  it('starts with a QR code and a manual key, confirms with a first code, and returns ten recovery codes once', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await signIn(app, user.email);
    expect(await statusOf(session)).toEqual({ enabled: false, confirmedAt: null, recoveryCodesLeft: 0 });

    const started = await post(session, '/api/v1/me/two-factor', { password: testPassword });
    expect(started.statusCode).toBe(201);
    const { otpauthUri, qrCode, manualKey } = started.json();
    const secret = manualKey.replace(/\s/g, '');
    expect(manualKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(otpauthUri).toBe(`otpauth://totp/Tandem:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Tandem`);
    expect(qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    // not on until confirmed: sign-in still needs the password only
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: testPassword },
        })
      ).json().user.id,
    ).toBe(user.id);

    const wrong = await post(session, '/api/v1/me/two-factor/confirm', {
      code: '000000' === (await codeAt(secret)) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([
      { path: 'code', code: 'wrong_code', message: expect.stringContaining('This code is not right') },
    ]);
    expect((await post(session, '/api/v1/me/two-factor/confirm', { code: '12345' })).statusCode).toBe(400);

    await clearOfStepEdge();
    const confirmed = await post(session, '/api/v1/me/two-factor/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, status } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect(status).toEqual({ enabled: true, confirmedAt: expect.any(String), recoveryCodesLeft: 10 });
    expect(await statusOf(session)).toEqual(status);

    // stored hashed; the codes and the secret are nowhere in the audit log
    const stored = (await recoveryCodesOf(db, user.id)).map((r) => r.codeHash);
    expect(stored.sort()).toEqual(recoveryCodes.map((c: string) => sha256(c.replace(/-/g, ''))).sort());
    const audit = JSON.stringify(await auditRowsOf(db, user.id), (_, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(audit).not.toContain(secret);
    for (const code of recoveryCodes) expect(audit).not.toContain(code);
    expect(await actions(user.id)).toEqual(expect.arrayContaining(['two_factor.enrolment_start', 'two_factor.enable']));

    // another enrolment needs two-factor off first
    expect((await post(session, '/api/v1/me/two-factor', { password: testPassword })).statusCode).toBe(409);
    expect((await post(session, '/api/v1/me/two-factor/confirm', { code: await codeAt(secret) })).statusCode).toBe(409);
  });

  it('tells which of a set of users have it on, in one call (for the users list)', async () => {
    const on = await userWithTwoFactor();
    const pending = await aUser(db, account, { role: 'technician' });
    await post(await signIn(app, pending.email), '/api/v1/me/two-factor', { password: testPassword });
    const off = await aUser(db, account, { role: 'technician' });
    expect(await twoFactorEnabledAmong(db, account.id, [on.id, pending.id, off.id])).toEqual(new Set([on.id]));
    expect(await twoFactorEnabledAmong(db, account.id, [])).toEqual(new Set());
  });

  it('refuses to confirm without a started enrolment', async () => {
    const session = await signIn(app, (await aUser(db, account, { role: 'viewer' })).email);
    const res = await post(session, '/api/v1/me/two-factor/confirm', { code: '123456' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/Start the set-up first/);
  });
});

describe('signing in with a second factor', () => {
  it('asks for a code after the password; the pending session can do nothing else', async () => {
    const user = await userWithTwoFactor();
    const pending = await passwordStep(user.email);
    const row = only(await sessionsOf(db, { idHash: sha256(pending.cookie) }));
    expect(row.secondFactorPending).toBe(true);
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000).toBeCloseTo(5, 1);

    for (const [method, url, payload] of [
      ['GET', '/api/v1/me', undefined],
      ['PATCH', '/api/v1/me', { name: 'Changed' }],
      ['GET', '/api/v1/me/two-factor', undefined],
      ['DELETE', '/api/v1/me/two-factor', { password: testPassword }],
      ['POST', '/api/v1/api-tokens', { name: 'sneaky' }],
      ['GET', '/api/v1/seats', undefined],
      ['GET', '/api/v1/audit-events', undefined],
    ] as const) {
      const res = await call(app, pending, { method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      expect(res.json().error.message).toMatch(/authenticator app/);
    }
    expect(await tokensOf(db, user.id)).toHaveLength(0);
  });

  it('replaces the pending session by a new one after the code (no fixation), with a new CSRF token', async () => {
    const user = await userWithTwoFactor();
    const pending = await passwordStep(user.email);
    // the CSRF token of the pending session is required
    expect(
      (await secondStep({ headers: { cookie: headerOf(pending, 'cookie') } }, await codeAt(user.secret, 30)))
        .statusCode,
    ).toBe(403);
    await clearOfStepEdge();
    const res = await secondStep(pending, await codeAt(user.secret, 30));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, email: user.email });
    const cookie = sessionCookieOf(res);
    expect(cookie).not.toBe(pending.cookie);
    expect(res.json().csrfToken).not.toBe(pending.headers['x-csrf-token']);
    const signedIn: Caller = { headers: { cookie: `tandem_session=${cookie}`, 'x-csrf-token': res.json().csrfToken } };
    expect((await call(app, signedIn, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect(
      (await call(app, signedIn, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'fine now' } }))
        .statusCode,
    ).toBe(201);
    // the pending id is gone for good
    expect(await sessionsOf(db, { idHash: sha256(pending.cookie) })).toHaveLength(0);
    expect((await call(app, pending, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await secondStep(pending, await codeAt(user.secret))).statusCode).toBe(401);
    const audit = (await auditRowsOf(db, user.id)).filter((row) => row.action === 'auth.login').at(-1);
    expect(audit?.after).toMatchObject({ secondFactor: 'totp' });
  });

  it('never accepts a code twice, nor a code older than the last one accepted', async () => {
    const user = await userWithTwoFactor();
    await clearOfStepEdge();
    const code = await codeAt(user.secret, 30);
    expect((await secondStep(await passwordStep(user.email), code)).statusCode).toBe(200);
    const replay = await secondStep(await passwordStep(user.email), code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_credentials');
    // the current step's code is older than the one accepted (next step): refused as well
    expect((await secondStep(await passwordStep(user.email), await codeAt(user.secret))).statusCode).toBe(401);
    expect(await actions(user.id)).toContain('auth.totp_failed');
  });

  it('lets exactly one of two concurrent uses of the same code through', async () => {
    const user = await userWithTwoFactor();
    const [a, b] = [await passwordStep(user.email), await passwordStep(user.email)];
    await clearOfStepEdge();
    const code = await codeAt(user.secret, 30);
    const results = await Promise.all([secondStep(a, code), secondStep(b, code)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('accepts one step of clock drift either way, not more', async () => {
    const early = await userWithTwoFactor();
    const late = await userWithTwoFactor();
    // as if they had enrolled a while ago: the confirming code's step is not the current one
    await totpUsedStepsAgo(db, [early.id, late.id], 10);
    await clearOfStepEdge();
    expect((await secondStep(await passwordStep(early.email), await codeAt(early.secret, -30))).statusCode).toBe(200);
    expect((await secondStep(await passwordStep(late.email), await codeAt(late.secret, 30))).statusCode).toBe(200);
    const far = await userWithTwoFactor();
    await clearOfStepEdge();
    expect((await secondStep(await passwordStep(far.email), await codeAt(far.secret, -90))).statusCode).toBe(401);
    expect((await secondStep(await passwordStep(far.email), await codeAt(far.secret, 90))).statusCode).toBe(401);
  });

  it('accepts each recovery code once, in any case and with or without dashes', async () => {
    const user = await userWithTwoFactor();
    const first = nth(user.recoveryCodes, 0);
    const second = nth(user.recoveryCodes, 1);
    const res = await secondStep(await passwordStep(user.email), first.toUpperCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    const again = await secondStep(await passwordStep(user.email), first);
    expect(again.statusCode).toBe(401);
    expect((await secondStep(await passwordStep(user.email), second.replace(/-/g, ''))).statusCode).toBe(200);
    const session = await signIn(app, account.admin.email);
    expect((await statusOf(session)).enabled).toBe(false); // the admin's own status is untouched
    expect(await actions(user.id)).toContain('two_factor.recovery_code_use');
    const left = (await recoveryCodesOf(db, user.id)).filter((code) => code.usedAt === null);
    expect(left).toHaveLength(8);
  });

  it('refuses malformed codes with 400 and counts wrong codes toward the sign-in throttle', async () => {
    const user = await userWithTwoFactor();
    const address = '10.20.30.40';
    const pending = await passwordStep(user.email, address);
    expect((await secondStep(pending, 'abc', address)).statusCode).toBe(400);
    expect((await secondStep(pending, '1'.repeat(40), address)).statusCode).toBe(400);
    const wrong = (await codeAt(user.secret)) === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await secondStep(pending, wrong, address)).statusCode).toBe(401);
    await clearOfStepEdge();
    const blocked = await secondStep(pending, await codeAt(user.secret), address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // the password step is blocked as well for this e-mail from this address
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: testPassword },
          remoteAddress: address,
        })
      ).statusCode,
    ).toBe(429);
    expect((await actions(user.id)).filter((a) => a === 'auth.totp_failed')).toHaveLength(5);
  });

  it('ends a pending sign-in after 5 minutes, and on sign-out', async () => {
    const user = await userWithTwoFactor();
    const stale = await passwordStep(user.email);
    await expireSessions(db, { idHash: sha256(stale.cookie) });
    const res = await secondStep(stale, await codeAt(user.secret));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/Sign in again/);

    const pending = await passwordStep(user.email);
    expect((await call(app, pending, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect(await sessionsOf(db, { idHash: sha256(pending.cookie) })).toHaveLength(0);
  });

  it('answers 401 to the second step without a pending sign-in, or with a full session', async () => {
    const user = await userWithTwoFactor();
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { code: '123456' } })).statusCode,
    ).toBe(401);
    expect((await secondStep(user.session, await codeAt(user.secret))).statusCode).toBe(401);
  });
});

describe('turning off, new recovery codes', () => {
  it('turns off with the password only; sign-in then needs the password alone', async () => {
    const user = await userWithTwoFactor();
    const wrong = await call(app, user.session, {
      method: 'DELETE',
      url: '/api/v1/me/two-factor',
      payload: { password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect((await statusOf(user.session)).enabled).toBe(true);
    expect(
      (
        await call(app, user.session, {
          method: 'DELETE',
          url: '/api/v1/me/two-factor',
          payload: { password: testPassword },
        })
      ).statusCode,
    ).toBe(204);
    expect(await statusOf(user.session)).toEqual({ enabled: false, confirmedAt: null, recoveryCodesLeft: 0 });
    expect(await recoveryCodesOf(db, user.id)).toHaveLength(0);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: testPassword },
        })
      ).json().user.id,
    ).toBe(user.id);
    expect(
      (
        await call(app, user.session, {
          method: 'DELETE',
          url: '/api/v1/me/two-factor',
          payload: { password: testPassword },
        })
      ).statusCode,
    ).toBe(404);
    expect(await actions(user.id)).toContain('two_factor.disable');
  });

  it('regenerates recovery codes with the password: the old ones stop working', async () => {
    const user = await userWithTwoFactor();
    expect(
      (await post(user.session, '/api/v1/me/two-factor/recovery-codes', { password: 'wrong password' })).statusCode,
    ).toBe(401);
    const res = await post(user.session, '/api/v1/me/two-factor/recovery-codes', { password: testPassword });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => user.recoveryCodes.includes(c))).toBe(false);
    expect((await secondStep(await passwordStep(user.email), nth(user.recoveryCodes, 0))).statusCode).toBe(401);
    expect((await secondStep(await passwordStep(user.email), nth(fresh, 0))).statusCode).toBe(200);
    expect(await actions(user.id)).toContain('two_factor.recovery_codes_regenerate');

    const without = await signIn(app, (await aUser(db, account, { role: 'technician' })).email);
    expect((await post(without, '/api/v1/me/two-factor/recovery-codes', { password: testPassword })).statusCode).toBe(
      409,
    );
  });
});

describe('an administrator resets a second factor', () => {
  const reset = (caller: Caller, id: string) =>
    call(app, caller, { method: 'DELETE', url: `/api/v1/users/${id}/two-factor` });

  it('removes it, ends the user’s sessions, audits and e-mails the user', async () => {
    const user = await userWithTwoFactor();
    const res = await reset(admin, user.id);
    expect(res.statusCode, res.body).toBe(204);
    expect((await call(app, user.session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: testPassword },
    });
    expect(login.json().user.id).toBe(user.id);
    expect(await actions(user.id)).toContain('two_factor.reset');
    const mail = only(await outboxRowsTo(db, user.email));
    expect(mail).toMatchObject({ kind: 'two_factor_reset', subject: 'Your two-factor sign-in was reset' });
    expect(mail.bodyText).toContain('Totp Admin');
  });

  it('is refused to non-administrators, for other accounts, missing users, users without it, and oneself', async () => {
    const user = await userWithTwoFactor();
    const tech = await signIn(app, (await aUser(db, account, { role: 'technician' })).email);
    expect((await reset(tech, user.id)).statusCode).toBe(403);
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    const otherAdmin = await signIn(app, other.admin.email);
    expect((await reset(otherAdmin, user.id)).statusCode).toBe(404);
    expect((await reset(admin, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await statusOf(user.session)).enabled).toBe(true);

    const plain = await aUser(db, account, { role: 'technician' });
    const nothing = await reset(admin, plain.id);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.message).toMatch(/has not turned on two-factor sign-in/);
    const self = await reset(admin, account.admin.id);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toMatch(/use My account/);
  });
});

import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  aKnownSignIn,
  anAccount,
  aThrottleCounter,
  auditActionsOf,
  aUser,
  countOf,
  knownSignInsOf,
  only,
  testPassword,
  throttleCounters,
  type TestUser,
} from '../support/builders/index.js';
import { httpAll, httpCall, listenOnLoopback, statusCounts, type HttpAnswer } from '../support/parallel-http.js';
import { createTestApp } from '../support/test-app.js';

/**
 * Every check of a password or a second factor is throttled before it is made: parallel attempts,
 * each on its own connection, from loopback addresses of their own, are counted one by one.
 */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Throttle', companies: 1 });
const base = await listenOnLoopback(app);

const loginCall = (email: string, password: string, from: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/api/v1/auth/login',
  body: { email, password },
  from,
  headers,
});
const cookiesOf = (answer: HttpAnswer) => [answer.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!);

/** A signed-in session over real HTTP: its cookies (session and known browser) and CSRF token. */
async function sessionOf(user: TestUser, from = '127.0.0.1'): Promise<Record<string, string>> {
  const answer = await httpCall(base, loginCall(user.email, testPassword, from));
  expect(answer.status, answer.body).toBe(200);
  return { cookie: cookiesOf(answer).join('; '), 'x-csrf-token': answer.json().csrfToken };
}

const passwordChecks = async (userId: string, action: string) =>
  (await auditActionsOf(db, userId)).filter((done) => done === action).length;

const addresses = (count: number, from = 10) => Array.from({ length: count }, (_, i) => `127.0.0.${from + i}`);

describe('sign-in under parallel attempts', () => {
  it('checks only 5 of 25 parallel wrong passwords for one e-mail from one address', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const answers = await httpAll(
      base,
      Array.from({ length: 25 }, () => loginCall(user.email, 'wrong password', '127.0.0.2')),
    );
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 20 });
    expect(await passwordChecks(user.id, 'auth.login_failed')).toBe(5);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('never lets one address lock the owner out from another: 55 parallel failures from one address', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const answers = await httpAll(
      base,
      Array.from({ length: 55 }, () => loginCall(user.email, 'wrong password', '127.0.0.3')),
    );
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 50 });
    // the e-mail's own counter received only this address's 5
    const emailCounter = only(await throttleCounters(db, [`account:${user.email}`]));
    expect(emailCounter.failures).toBe(5);
    expect((await httpCall(base, loginCall(user.email, testPassword, '127.0.0.4'))).status).toBe(200);
  });

  it('holds an e-mail guessed from many addresses, but lets a browser or address that signed in before through', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    // the owner signed in before: from 127.0.0.5, and with a browser that keeps its cookie
    const earlier = await httpCall(base, loginCall(user.email, testPassword, '127.0.0.5'));
    expect(earlier.status).toBe(200);
    const knownBrowser = cookiesOf(earlier).find((c) => c.startsWith('tandem_known='))!;
    expect(knownBrowser).toBeDefined();
    // 12 addresses × 5 wrong passwords, all at once: 60 attempts, each counted for the e-mail
    const attack = addresses(12, 20).flatMap((from) =>
      Array.from({ length: 5 }, () => loginCall(user.email, 'wrong password', from)),
    );
    const answers = await httpAll(base, attack);
    const counts = statusCounts(answers);
    expect(counts[401]).toBe(50);
    expect(counts[429]).toBe(10);
    expect(await passwordChecks(user.id, 'auth.login_failed')).toBe(50);
    // a new address is held back while the attack lasts, even with the right password…
    expect((await httpCall(base, loginCall(user.email, testPassword, '127.0.0.40'))).status).toBe(429);
    // …but the owner's known address and known browser (from a new address) get through
    expect((await httpCall(base, loginCall(user.email, testPassword, '127.0.0.5'))).status).toBe(200);
    expect(
      (await httpCall(base, loginCall(user.email, testPassword, '127.0.0.41', { cookie: knownBrowser }))).status,
    ).toBe(200);
    // a known browser still has only its address's 5 attempts per window
    const guesses = await httpAll(
      base,
      Array.from({ length: 8 }, () => loginCall(user.email, 'wrong password', '127.0.0.42', { cookie: knownBrowser })),
    );
    expect(statusCounts(guesses)).toEqual({ 401: 5, 429: 3 });
    // an e-mail attacked from many addresses is recorded once per block, for its account
    const events = await countOf(
      db,
      sql`select count(*)::int as n from domain_events where type = 'auth.signin_throttled' and subject_id = ${user.id}`,
    );
    expect(events).toBeGreaterThanOrEqual(1);
  });
});

describe('the second sign-in step under parallel attempts', () => {
  it('checks only 5 of 40 parallel wrong codes on one pending sign-in, from 40 addresses', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await sessionOf(user);
    const started = await httpCall(base, {
      method: 'POST',
      path: '/api/v1/me/two-factor',
      body: { password: testPassword },
      headers: session,
    });
    expect(started.status, started.body).toBe(201);
    const secret = String(started.json().manualKey).replace(/\s/g, '');
    const confirmed = await httpCall(base, {
      method: 'POST',
      path: '/api/v1/me/two-factor/confirm',
      body: { code: await generate({ secret }) },
      headers: session,
    });
    expect(confirmed.status, confirmed.body).toBe(200);

    const password = await httpCall(base, loginCall(user.email, testPassword, '127.0.0.6'));
    expect(password.json().twoFactorRequired).toBe(true);
    const pending = { cookie: cookiesOf(password).join('; '), 'x-csrf-token': password.json().csrfToken };
    const codes = addresses(40, 60).map((from) => ({
      method: 'POST',
      path: '/api/v1/auth/login/totp',
      body: { code: '000000' },
      headers: pending,
      from,
    }));
    const answers = await httpAll(base, codes);
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 35 });
    expect(await passwordChecks(user.id, 'auth.totp_failed')).toBe(5);
  });
});

describe('the current password asked by My account under parallel attempts', () => {
  const wrongAnswers = async (
    request: (headers: Record<string, string>) => { method: string; path: string; body: unknown },
  ) => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await sessionOf(user, '127.0.0.7');
    const answers = await httpAll(
      base,
      Array.from({ length: 25 }, () => ({ ...request(session), headers: session, from: '127.0.0.7' })),
    );
    return { counts: statusCounts(answers), user };
  };

  it('POST /me/password: 5 of 25 wrong current passwords are checked', async () => {
    const { counts } = await wrongAnswers(() => ({
      method: 'POST',
      path: '/api/v1/me/password',
      body: { currentPassword: 'wrong password', newPassword: 'a brand new passphrase' },
    }));
    expect(counts).toEqual({ 401: 5, 429: 20 });
  });

  it('POST /me/two-factor (set-up): 5 of 25 wrong passwords are checked', async () => {
    const { counts } = await wrongAnswers(() => ({
      method: 'POST',
      path: '/api/v1/me/two-factor',
      body: { password: 'wrong password' },
    }));
    expect(counts).toEqual({ 401: 5, 429: 20 });
  });

  it('DELETE /me/two-factor and its recovery codes: 5 of 30 wrong passwords are checked, whichever route', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await sessionOf(user, '127.0.0.8');
    const routes = [
      { method: 'DELETE', path: '/api/v1/me/two-factor' },
      { method: 'POST', path: '/api/v1/me/two-factor/recovery-codes' },
    ];
    const answers = await httpAll(
      base,
      Array.from({ length: 30 }, (_, i) => ({
        ...routes[i % 2]!,
        body: { password: 'wrong password' },
        headers: session,
        from: '127.0.0.8',
      })),
    );
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 25 });
  });
});

describe('stale sign-in records', () => {
  it('are deleted: counters whose window ended, browsers and addresses unused for 90 days', async () => {
    const { forgetStaleSignInRecords } = await import('../../src/server/modules/auth/index.js');
    await aThrottleCounter(db, 'pair:old@example.test|127.0.0.9', 3, 20);
    await aThrottleCounter(db, 'pair:new@example.test|127.0.0.9', 3);
    await aKnownSignIn(db, 'old@example.test', 'address:127.0.0.9', 91);
    await aKnownSignIn(db, 'new@example.test', 'address:127.0.0.9');
    expect(await forgetStaleSignInRecords(db)).toBeGreaterThanOrEqual(2);
    const counters = await throttleCounters(db, ['pair:old@example.test|127.0.0.9', 'pair:new@example.test|127.0.0.9']);
    const known = [
      ...(await knownSignInsOf(db, 'old@example.test')),
      ...(await knownSignInsOf(db, 'new@example.test')),
    ].filter((row) => row.key === 'address:127.0.0.9');
    expect([...counters.map((r) => r.key), ...known.map((r) => r.email)].sort()).toEqual([
      'new@example.test',
      'pair:new@example.test|127.0.0.9',
    ]);
  });
});

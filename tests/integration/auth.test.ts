import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  anAccount,
  auditActionsOf,
  auditRowsOf,
  aUser,
  captured,
  changeUser,
  countOf,
  expireSessions,
  expireToken,
  idleSince,
  only,
  sessionsOf,
  testPassword,
  throttleCounters,
  throttleWindowsPassed,
  tokensOf,
} from '../support/builders/index.js';
import { eventually } from '../support/eventually.js';
import { bearerFor, call, createTestApp, headerOf, sessionCookieOf, signIn } from '../support/test-app.js';
import { firstWords, statementsDuring } from '../support/statements.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Auth', companies: 1 });

const login = (email: string, password: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress, headers });
const auditActions = (objectId: string) => auditActionsOf(db, objectId);

describe('sign-in and sessions', () => {
  it('signs in with a hardened session cookie and returns the user and a CSRF token', async () => {
    const res = await login(account.admin.email.toUpperCase(), testPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email).toBe(account.admin.email);
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'tandem_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.path).toBe('/');
  });

  it('marks the cookie Secure when TANDEM_SECURE_COOKIES=1', async () => {
    const secure = await createTestApp({ TANDEM_SECURE_COOKIES: '1' });
    const other = await anAccount(secure.database.db, { name: 'Secure', companies: 1 });
    const res = await secure.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: other.admin.email, password: testPassword },
    });
    expect(res.cookies.find((c) => c.name === 'tandem_session')!.secure).toBe(true);
  });

  it('never keeps a session id chosen before sign-in (no fixation)', async () => {
    const planted = 'attacker-chosen-session-id-0123456789';
    const res = await login(account.admin.email, testPassword, '127.0.0.1', { cookie: `tandem_session=${planted}` });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookieOf(res);
    expect(issued).not.toBe(planted);
    const again = sessionCookieOf(await login(account.admin.email, testPassword));
    expect(again).not.toBe(issued);
    const planted401 = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `tandem_session=${planted}` },
    });
    expect(planted401.statusCode).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong, and audits it', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const wrong = await login(user.email, 'not the password', '10.0.0.9');
    const unknown = await login('nobody@example.test', 'not the password', '10.0.0.9');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(await auditActions(user.id)).toContain('auth.login_failed');
    const anonymous = await countOf(
      db,
      sql`select count(*)::int as n from audit_events where action = 'auth.login_failed' and account_id is null`,
    );
    expect(anonymous).toBe(1);
  });

  it('refuses disabled users', async () => {
    const user = await aUser(db, account, { role: 'technician', status: 'disabled' });
    expect((await login(user.email, testPassword)).statusCode).toBe(401);
  });

  it('signs out: the session stops working at once', async () => {
    const session = await signIn(app, account.admin.email);
    expect((await call(app, session, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('ends idle sessions and sessions past their absolute lifetime', async () => {
    const idle = await signIn(app, account.admin.email);
    const old = await signIn(app, account.admin.email);
    const hashOf = async (caller: typeof idle) => {
      const cookie = captured(/=(.*)/, headerOf(caller, 'cookie'));
      const { sha256 } = await import('../../src/server/platform/crypto/secrets.js');
      return sha256(cookie);
    };
    await idleSince(db, { idHash: await hashOf(idle) }, 61);
    await expireSessions(db, { idHash: await hashOf(old) });
    const a = await call(app, idle, { method: 'GET', url: '/api/v1/me' });
    const b = await call(app, old, { method: 'GET', url: '/api/v1/me' });
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json().error.code).toBe('unauthenticated');
  });

  it('ends a session when its user is disabled, and applies a role change on the next request', async () => {
    const user = await aUser(db, account, { role: 'administrator' });
    const session = await signIn(app, user.email);
    const rename = { method: 'PATCH' as const, url: '/api/v1/accounts/current', payload: { name: 'Renamed' } };
    expect((await call(app, session, rename)).statusCode).toBe(200);
    // written by the users repository, no service announcing it: seen as soon as the database announces the change
    await changeUser(db, user, { role: 'viewer' });
    expect(await eventually(async () => (await call(app, session, rename)).statusCode === 403)).toBe(true);
    await changeUser(db, user, { status: 'disabled' });
    expect(
      await eventually(async () => (await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode === 401),
    ).toBe(true);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the token, or with a wrong one, and writes nothing', async () => {
    const session = await signIn(app, account.admin.email);
    const create = { method: 'POST' as const, url: '/api/v1/api-tokens', payload: { name: 'csrf' } };
    const count = () => countOf(db, sql`select count(*)::int as n from api_tokens`);
    const before = await count();
    const missing = await call(app, { ...session, withoutCsrf: true }, create);
    const wrong = await call(app, { headers: { ...session.headers, 'x-csrf-token': 'forged' } }, create);
    const otherSession = await signIn(app, account.admin.email);
    const crossed = await call(
      app,
      { headers: { cookie: headerOf(session, 'cookie'), 'x-csrf-token': headerOf(otherSession, 'x-csrf-token') } },
      create,
    );
    for (const res of [missing, wrong, crossed]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    expect(await count()).toBe(before);
    // reads need no token; bearer tokens need none either
    expect((await call(app, { ...session, withoutCsrf: true }, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(
      200,
    );
  });

  it('refuses a form-encoded write (what a cross-site form could send)', async () => {
    const session = await signIn(app, account.admin.email);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: session.headers.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('failed sign-in throttling', () => {
  it('blocks one address after 5 failures on one account, with Retry-After, even for the right password', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'wrong', '10.1.1.1')).statusCode).toBe(401);
    const blocked = await login(user.email, testPassword, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // the real user, from their own address, is not locked out
    expect((await login(user.email, testPassword, '10.2.2.2')).statusCode).toBe(200);
    // and the block lifts by itself when the window ends
    await throttleWindowsPassed(db, 16);
    expect((await login(user.email, testPassword, '10.1.1.1')).statusCode).toBe(200);
  });

  it('forgets the failures of an e-mail from an address once the right password comes from there', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const pairs = async () => (await throttleCounters(db, [`pair:${user.email}|10.5.5.5`])).length;
    for (let i = 0; i < 4; i++) expect((await login(user.email, 'wrong', '10.5.5.5')).statusCode).toBe(401);
    expect(await pairs()).toBe(1);
    expect((await login(user.email, testPassword, '10.5.5.5')).statusCode).toBe(200);
    expect(await pairs()).toBe(0);
    // four more failures do not block: the count started again
    for (let i = 0; i < 4; i++) expect((await login(user.email, 'wrong', '10.5.5.5')).statusCode).toBe(401);
    expect((await login(user.email, testPassword, '10.5.5.5')).statusCode).toBe(200);
  });

  it('a sign-in costs four statements: the attempt counted, the user, the attempt taken back (the address and browser remembered), the session with its audit row', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const seen = await statementsDuring(async () => {
      const res = await login(user.email, testPassword, '10.6.6.6');
      expect(res.statusCode).toBe(200);
      expect(res.json().user.email).toBe(user.email);
    });
    expect(firstWords(seen)).toEqual(['with', 'select', 'with', 'with']);
    // both rows were written
    const sessions = (await sessionsOf(db, { userId: user.id })).length;
    const audits = (await auditActionsOf(db, user.id)).filter((action) => action === 'auth.login').length;
    expect({ sessions, audits }).toEqual({ sessions: 1, audits: 1 });
  });

  it('blocks an address that sprays many accounts', async () => {
    for (let i = 0; i < 30; i++) await login(`spray${i}@example.test`, 'wrong', '10.3.3.3');
    const user = await aUser(db, account, { role: 'viewer' });
    expect((await login(user.email, testPassword, '10.3.3.3')).statusCode).toBe(429);
    expect((await login(user.email, testPassword, '10.4.4.4')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, and work as Bearer on the API', async () => {
    const session = await signIn(app, account.admin.email);
    const created = await call(app, session, {
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'deploy' },
    });
    const { token, id } = created.json();
    expect(token).toMatch(/^tdm_[\w-]{43}$/);
    const stored = only((await tokensOf(db, account.admin.id)).filter((row) => row.id === id));
    expect(stored.tokenHash).not.toContain(token);
    const list = await call(app, session, { method: 'GET', url: '/api/v1/api-tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().authenticatedBy).toBe('apiToken');
    expect(me.json().csrfToken).toBeNull();
  });

  it('stop working at once when revoked', async () => {
    const session = await signIn(app, account.admin.email);
    const bearer = await bearerFor(app, session);
    expect((await call(app, bearer, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect(
      (await call(app, session, { method: 'DELETE', url: `/api/v1/api-tokens/${bearer.tokenId}` })).statusCode,
    ).toBe(204);
    const after = await call(app, bearer, { method: 'GET', url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(
      (await call(app, session, { method: 'DELETE', url: `/api/v1/api-tokens/${bearer.tokenId}` })).statusCode,
    ).toBe(404);
  });

  it('expire at their expiry date, which must lie in the future', async () => {
    const session = await signIn(app, account.admin.email);
    const past = await call(app, session, {
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('expiresAt');
    const bearer = await bearerFor(app, session);
    await expireToken(db, bearer.tokenId);
    expect((await call(app, bearer, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('never grant more than their owner has at the time of use', async () => {
    const user = await aUser(db, account, { role: 'administrator' });
    const bearer = await bearerFor(app, await signIn(app, user.email));
    const rename = { method: 'PATCH' as const, url: '/api/v1/accounts/current', payload: { name: 'By token' } };
    expect((await call(app, bearer, rename)).statusCode).toBe(200);
    // written by the users repository, no service announcing it: seen as soon as the database announces the change
    await changeUser(db, user, { role: 'technician' });
    expect(await eventually(async () => (await call(app, bearer, rename)).statusCode === 403)).toBe(true);
    await changeUser(db, user, { status: 'disabled' });
    expect(
      await eventually(async () => (await call(app, bearer, { method: 'GET', url: '/api/v1/me' })).statusCode === 401),
    ).toBe(true);
  });

  it('answer 401 for a malformed or unknown bearer, never 500', async () => {
    for (const authorization of ['Bearer', 'Bearer tdm_nope', 'Basic abc', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 20)).toBe(401);
    }
  });

  it('keyset-paginate the list', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    const session = await signIn(app, user.email);
    for (let i = 0; i < 5; i++)
      await call(app, session, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: `t${i}` } });
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const res = await call(app, session, {
        method: 'GET',
        url: `/api/v1/api-tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      seen.push(...res.json().items.map((t: { name: string }) => t.name));
      cursor = res.json().nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['t4', 't3', 't2', 't1', 't0']);
  });
});

describe('my account', () => {
  it('changes name, language and time zone, audited with before and after', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await signIn(app, user.email);
    const res = await call(app, session, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'Ada L.', language: 'fr', timeZone: 'Europe/Paris' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Ada L.', language: 'fr', timeZone: 'Europe/Paris' });
    const audit = only((await auditRowsOf(db, user.id)).filter((row) => row.action === 'user.update_profile'));
    expect({ before: audit.before, after: audit.after }).toEqual({
      before: { name: 'Test technician', language: 'en', timeZone: 'UTC' },
      after: { name: 'Ada L.', language: 'fr', timeZone: 'Europe/Paris' },
    });
    const bad = await call(app, session, { method: 'PATCH', url: '/api/v1/me', payload: { timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'timeZone', code: 'unknown_time_zone', message: 'Unknown time zone' },
    ]);
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const current = await signIn(app, user.email);
    const other = await signIn(app, user.email);
    const wrong = await call(app, current, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'nope', newPassword: 'a brand new password' },
    });
    expect(wrong.statusCode).toBe(401);
    const short = await call(app, current, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const ok = await call(app, current, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: 'a brand new password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await call(app, current, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await call(app, other, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login(user.email, testPassword)).statusCode).toBe(401);
    expect((await login(user.email, 'a brand new password')).statusCode).toBe(200);
    expect(await auditActions(user.id)).toContain('user.change_password');
  });
});

import { describe, expect, it } from 'vitest';
import { anAccount, auditRowsOf, aUser, first, testPassword, tokensOf, totpRowsOf } from '../support/builders/index.js';
import { bearerFor, call, createTestApp, signIn } from '../support/test-app.js';

/** A credential never outgrows its owner: what an API token may not do, and what a new password ends. */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Credentials', companies: 1 });

describe('an API token', () => {
  it('cannot create tokens, change the password or touch a second factor', async () => {
    const user = await aUser(db, account, { role: 'administrator' });
    const bearer = await bearerFor(app, await signIn(app, user.email));
    const attempts = [
      { method: 'POST' as const, url: '/api/v1/api-tokens', payload: { name: 'offspring' } },
      {
        method: 'POST' as const,
        url: '/api/v1/me/password',
        payload: { currentPassword: testPassword, newPassword: 'another long passphrase' },
      },
      { method: 'POST' as const, url: '/api/v1/me/two-factor', payload: { password: testPassword } },
      { method: 'POST' as const, url: '/api/v1/me/two-factor/confirm', payload: { code: '123456' } },
      { method: 'DELETE' as const, url: '/api/v1/me/two-factor', payload: { password: testPassword } },
      { method: 'POST' as const, url: '/api/v1/me/two-factor/recovery-codes', payload: { password: testPassword } },
    ];
    for (const attempt of attempts) {
      const res = await call(app, bearer, attempt);
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.json().error.message).toMatch(/API token cannot do this/);
    }
    expect(await tokensOf(db, user.id)).toHaveLength(1);
    expect(await totpRowsOf(db, user.id)).toHaveLength(0);
    // reading and revoking stay possible
    expect((await call(app, bearer, { method: 'GET', url: '/api/v1/api-tokens' })).statusCode).toBe(200);
    expect((await call(app, bearer, { method: 'GET', url: '/api/v1/me/two-factor' })).statusCode).toBe(200);
  });
});

describe('a password change', () => {
  it("revokes the owner's API tokens and ends their other sessions, keeping this one", async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const here = await signIn(app, user.email);
    const elsewhere = await signIn(app, user.email);
    const bearer = await bearerFor(app, here);
    const changed = await call(app, here, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: 'a completely new passphrase' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await call(app, bearer, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(app, elsewhere, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(app, here, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    const audit = first(await auditRowsOf(db, user.id, 'user.change_password'));
    expect(audit.after).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
  });
});

describe('setting up an authenticator', () => {
  it('asks for the password first', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    const session = await signIn(app, user.email);
    const without = await call(app, session, { method: 'POST', url: '/api/v1/me/two-factor' });
    expect(without.statusCode).toBe(400);
    const wrong = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor',
      payload: { password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details[0].path).toBe('password');
    expect(await totpRowsOf(db, user.id)).toHaveLength(0);
    const right = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor',
      payload: { password: testPassword },
    });
    expect(right.statusCode).toBe(201);
  });
});

describe('a new password', () => {
  it('is refused when guessing lists try it first, wherever it is chosen', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    const session = await signIn(app, user.email);
    for (const newPassword of ['aaaaaaaaaa', 'Password123', 'azertyuiop', '0123456789']) {
      const res = await call(app, session, {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: testPassword, newPassword },
      });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'newPassword',
        message: expect.stringMatching(/too easy to guess/),
      });
    }
    const setupLike = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: 'three unrelated words' },
    });
    expect(setupLike.statusCode).toBe(204);
  });
});

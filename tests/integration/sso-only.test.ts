import { describe, expect, it } from 'vitest';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { testPassword } from '../support/builders/users.js';
import { anAccount, anAccountSetting, auditRowsOf, aUser, outboxRowsTo } from '../support/builders/index.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'SSO only' });
const admin = await signIn(app, account.admin.email);
const second = await aUser(db, account, { role: 'administrator' });
const tech = await aUser(db, account, { role: 'technician' });

const login = (email: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: testPassword } });
const mark = (id: string, breakGlass: boolean) =>
  call(app, admin, { method: 'PUT', url: `/api/v1/sso-break-glass/${id}`, payload: { breakGlass } });

describe('single sign-on only', () => {
  it('refuses password sign-in to everyone but administrators while none is marked break-glass', async () => {
    await anAccountSetting(db, account, 'security.ssoOnly', true);
    const refused = await login(tech.email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('single sign-on');
    expect((await auditRowsOf(db, tech.id, 'auth.login_failed')).at(-1)!.after).toMatchObject({ reason: 'sso_only' });
    // no administrator marked: every administrator keeps their password
    expect((await login(second.email)).statusCode).toBe(200);
  });

  it('lets only break-glass administrators use a password once one is marked', async () => {
    expect((await mark(account.admin.id, true)).statusCode).toBe(204);
    expect((await auditRowsOf(db, account.admin.id, 'user.break_glass')).length).toBe(1);
    expect((await login(account.admin.email)).statusCode).toBe(200);
    expect((await login(second.email)).statusCode).toBe(403);
    const list = await call(app, admin, { method: 'GET', url: '/api/v1/sso-break-glass' });
    expect(list.json()).toMatchObject({ ssoOnly: true });
    expect(list.json().administrators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: account.admin.id, breakGlass: true }),
        expect.objectContaining({ id: second.id, breakGlass: false }),
      ]),
    );
  });

  it('marks only administrators, of the own account', async () => {
    const bad = await mark(tech.id, true);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'breakGlass', code: 'not_applicable' });
    const other = await anAccount(db, { name: 'Other' });
    expect((await mark(other.admin.id, true)).statusCode).toBe(404);
  });

  it('sends no password reset to who must use single sign-on; break-glass administrators still get one', async () => {
    for (const email of [tech.email, account.admin.email]) {
      await app.inject({ method: 'POST', url: '/api/v1/password-resets', payload: { email } });
    }
    expect(await outboxRowsTo(db, tech.email)).toEqual([]);
    expect((await outboxRowsTo(db, account.admin.email)).length).toBeGreaterThan(0);
  });

  it('gives passwords back when turned off', async () => {
    await anAccountSetting(db, account, 'security.ssoOnly', false);
    expect((await login(tech.email)).statusCode).toBe(200);
  });
});

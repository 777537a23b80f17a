import { describe, expect, it } from 'vitest';
import {
  anAccount,
  anAccountSetting,
  auditActionsOf,
  auditRowsOf,
  aUser,
  passkeysOf,
  sessionsOf,
  testPassword,
} from '../support/builders/index.js';
import { eventually } from '../support/eventually.js';
import { SoftAuthenticator } from '../support/software-authenticator.js';
import { bearerFor, call, createTestApp, signIn } from '../support/test-app.js';
import { origin, passkeyKit } from './passkeys-kit.js';
import { passkeys } from '../../src/server/modules/passkeys/tables.js';
import { eq } from 'drizzle-orm';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: origin });
const db = database.db;
const account = await anAccount(db, { name: 'Keys', companies: 1 });
const admin = await signIn(app, account.admin.email);
const { post, register } = passkeyKit(app);
const list = async (caller: Parameters<typeof post>[0]) =>
  (await call(app, caller, { method: 'GET', url: '/api/v1/me/passkeys' })).json().items as {
    id: string;
    name: string;
    createdAt: string;
    lastUsedAt: string | null;
  }[];

describe('registering passkeys from My account', () => {
  it('registers several, named, each with its creation date; audited', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const authenticator = new SoftAuthenticator(origin);
    const first = await register(session, authenticator, 'Work laptop');
    expect(first.res.statusCode, first.res.body).toBe(201);
    expect(first.res.json()).toMatchObject({ name: 'Work laptop', lastUsedAt: null });
    const second = await register(session, new SoftAuthenticator(origin), '  Phone  ');
    expect(second.res.statusCode, second.res.body).toBe(201);
    const items = await list(session);
    expect(items.map((p) => p.name)).toEqual(['Work laptop', 'Phone']);
    expect(Date.parse(items[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const stored = await passkeysOf(db, user.id);
    expect(stored.map((p) => p.accountId)).toEqual([account.id, account.id]);
    expect(stored[0]!.credentialId).toBe(Buffer.from(first.credential.id).toString('base64url'));
    expect((await auditActionsOf(db, user.id)).filter((a) => a === 'passkey.register')).toHaveLength(2);
  });

  it('asks for the password again before a passkey can be added', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const res = await post(session, '/api/v1/me/passkeys/options', { password: 'not the password' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details[0]).toMatchObject({ path: 'password', code: 'wrong_password' });
  });

  it('refuses an answer from another origin, for another rpID, or without the user verified; nothing is stored', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const wrongOrigin = await register(session, new SoftAuthenticator('http://localhost.evil.test'), 'X');
    expect(wrongOrigin.res.statusCode).toBe(401);
    expect(wrongOrigin.res.json().error.details).toEqual({ reason: 'passkey_refused' });
    const wrongRp = await register(session, new SoftAuthenticator(origin), 'X', { rpId: 'evil.test' });
    expect(wrongRp.res.json().error.details).toEqual({ reason: 'passkey_refused' });
    const unverified = await register(session, new SoftAuthenticator(origin), 'X', { userVerified: false });
    expect(unverified.res.statusCode).toBe(401);
    expect(unverified.res.json().error.details).toEqual({ reason: 'passkey_not_verified' });
    expect(await passkeysOf(db, user.id)).toEqual([]);
  });

  it('uses a challenge once, for the session that asked for it', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const other = await signIn(app, user.email);
    const started = await post(session, '/api/v1/me/passkeys/options', { password: testPassword });
    const { response } = new SoftAuthenticator(origin).create(started.json().options);
    // another session of the same user has no challenge pending
    const elsewhere = await post(other, '/api/v1/me/passkeys', { name: 'A', response });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.details).toEqual({ reason: 'passkey_ceremony_expired' });
    expect((await post(session, '/api/v1/me/passkeys', { name: 'A', response })).statusCode).toBe(201);
    const again = await post(session, '/api/v1/me/passkeys', { name: 'A', response });
    expect(again.statusCode).toBe(409);
    expect(await passkeysOf(db, user.id)).toHaveLength(1);
  });

  it('refuses a credential already registered, and malformed answers with field problems', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const first = await register(session, new SoftAuthenticator(origin));
    const copy = await register(session, new SoftAuthenticator(origin), 'Again', { credentialId: first.credential.id });
    expect(copy.res.statusCode).toBe(409);
    expect(copy.res.json().error.details).toEqual({ reason: 'passkey_taken' });
    // nor can another user claim it
    const other = await register(
      await signIn(app, (await aUser(db, account)).email),
      new SoftAuthenticator(origin),
      'Mine',
      {
        credentialId: first.credential.id,
      },
    );
    expect(other.res.statusCode).toBe(409);
    const malformed = await post(session, '/api/v1/me/passkeys', { name: '', response: { id: '!' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');
    expect(await passkeysOf(db, user.id)).toHaveLength(1);
  });

  it('is refused to API tokens', async () => {
    const user = await aUser(db, account);
    const token = await bearerFor(app, await signIn(app, user.email));
    expect((await call(app, token, { method: 'GET', url: '/api/v1/me/passkeys' })).statusCode).toBe(403);
    expect((await post(token, '/api/v1/me/passkeys/options', { password: testPassword })).statusCode).toBe(403);
  });
});

describe('renaming and removing', () => {
  it('renames a passkey; the body is strict; another user’s passkey answers 404', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const { res } = await register(session, new SoftAuthenticator(origin), 'Old name');
    const id = res.json().id as string;
    const url = `/api/v1/me/passkeys/${id}`;
    const renamed = await call(app, session, { method: 'PATCH', url, payload: { name: 'New name' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('New name');
    const extra = await call(app, session, { method: 'PATCH', url, payload: { name: 'X', userId: account.admin.id } });
    expect(extra.statusCode).toBe(400);
    const tooLong = await call(app, session, { method: 'PATCH', url, payload: { name: 'x'.repeat(65) } });
    expect(tooLong.statusCode).toBe(400);
    const someoneElse = await call(app, admin, { method: 'PATCH', url, payload: { name: 'Mine now' } });
    expect(someoneElse.statusCode).toBe(404);
    expect((await list(session)).map((p) => p.name)).toEqual(['New name']);
    const [audit] = await auditRowsOf(db, user.id, 'passkey.rename');
    expect(audit).toMatchObject({ before: { name: 'Old name' }, after: { name: 'New name' } });
  });

  it('removes a passkey only with the password; audited', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const { res } = await register(session, new SoftAuthenticator(origin));
    const url = `/api/v1/me/passkeys/${res.json().id}`;
    const wrong = await call(app, session, { method: 'DELETE', url, payload: { password: 'wrong password' } });
    expect(wrong.statusCode).toBe(401);
    expect(await passkeysOf(db, user.id)).toHaveLength(1);
    const byAdmin = await call(app, admin, { method: 'DELETE', url, payload: { password: testPassword } });
    expect(byAdmin.statusCode).toBe(404);
    const removed = await call(app, session, { method: 'DELETE', url, payload: { password: testPassword } });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await passkeysOf(db, user.id)).toEqual([]);
    expect(await auditActionsOf(db, user.id)).toContain('passkey.delete');
  });
});

describe('an administrator’s reset, and deleting a user', () => {
  it('resets a user’s passkeys with their authenticator: sessions end, passkeys are gone', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    await register(session, new SoftAuthenticator(origin));
    await register(session, new SoftAuthenticator(origin), 'Second');
    const reset = await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${user.id}/two-factor` });
    expect(reset.statusCode, reset.body).toBe(204);
    expect(await passkeysOf(db, user.id)).toEqual([]);
    expect(await sessionsOf(db, { userId: user.id })).toEqual([]);
    const [audit] = await auditRowsOf(db, user.id, 'two_factor.reset');
    expect(audit?.before).toMatchObject({ passkeys: 2, authenticator: false });
    const again = await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${user.id}/two-factor` });
    expect(again.statusCode).toBe(409);
  });

  it('deleting a user deletes their passkeys', async () => {
    const user = await aUser(db, account);
    await register(await signIn(app, user.email), new SoftAuthenticator(origin));
    const deleted = await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${user.id}` });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect(await passkeysOf(db, user.id)).toEqual([]);
  });
});

describe('security.requireTwoFactor', () => {
  it('is satisfied by a passkey, and every process learns at once when one is added or removed', async () => {
    const strict = await anAccount(db, { name: 'Strict', companies: 1 });
    await anAccountSetting(db, strict, 'security.requireTwoFactor', true);
    const user = await aUser(db, strict);
    const session = await signIn(app, user.email);
    const companies = async () => (await call(app, session, { method: 'GET', url: '/api/v1/companies' })).json();
    expect((await companies()).error?.code).toBe('two_factor_enrolment_required');
    // registering a passkey is allowed before enrolment, and enrols
    const { res } = await register(session, new SoftAuthenticator(origin));
    expect(res.statusCode, res.body).toBe(201);
    expect((await companies()).error).toBeUndefined();
    // removed by a statement this process did not make: the database's notification tells it
    await db.delete(passkeys).where(eq(passkeys.userId, user.id));
    expect(await eventually(async () => (await companies()).error?.code === 'two_factor_enrolment_required')).toBe(
      true,
    );
  });
});

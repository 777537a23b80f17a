import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { cutNotifyConnections } from '../support/test-database.js';
import { anAccount, aUser, changeUser } from '../support/builders/index.js';
import { eventually } from '../support/eventually.js';
import { bearerFor, call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { statementsDuring } from '../support/statements.js';

/**
 * The identity cache: a credential seen recently costs no database round trip, and every change
 * to what an identity is made of is seen by the very next request in the process that made it,
 * and in another process as soon as PostgreSQL's notification arrives.
 */
const { app, database } = await createTestApp({ TANDEM_IDENTITY_CACHE_SECONDS: '30' });
const db = database.db;
// a second process on the same database: its own pool, its own notification connection
const otherDatabase = openDatabase(database.url, { max: 3 });
const other = await buildApp({
  config: (await createTestApp({ TANDEM_IDENTITY_CACHE_SECONDS: '30' })).config,
  database: otherDatabase,
  consoleDir: '/nonexistent',
});
await other.ready();
afterAll(async () => {
  await other.close();
  await otherDatabase.close();
});

const identityTables = /"(api_tokens|sessions|users|user_companies|account_settings|company_settings|user_totp)"/;
const status = async (target: typeof app, caller: Caller, url = '/api/v1/companies') =>
  (await call(target, caller, { method: 'GET', url })).statusCode;

describe('a credential seen recently', () => {
  it('costs no identity query, for a session and for an API token', async () => {
    const account = await anAccount(db, { name: 'Memo' });
    const admin = await signIn(app, account.admin.email);
    const token = await bearerFor(app, admin);
    for (const caller of [admin, token]) {
      expect(await status(app, caller, '/api/v1/devices?limit=5')).toBe(200);
      const statements = await statementsDuring(async () =>
        expect(await status(app, caller, '/api/v1/devices?limit=5')).toBe(200),
      );
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter((s) => identityTables.test(s))).toEqual([]);
    }
  });
});

describe('changes made through this process', () => {
  it('a revoked token fails on the very next request', async () => {
    const account = await anAccount(db, { name: 'Revoke' });
    const admin = await signIn(app, account.admin.email);
    const token = await bearerFor(app, admin);
    expect(await status(app, token)).toBe(200);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/api-tokens/${token.tokenId}` })).statusCode,
    ).toBeLessThan(300);
    expect(await status(app, token)).toBe(401);
  });

  it('a signed-out session fails on the very next request', async () => {
    const account = await anAccount(db, { name: 'SignOut' });
    const admin = await signIn(app, account.admin.email);
    expect(await status(app, admin)).toBe(200);
    expect((await call(app, admin, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect(await status(app, admin)).toBe(401);
  });

  it('a role lowered and a user disabled by an administrator apply to the very next request', async () => {
    const account = await anAccount(db, { name: 'Role' });
    const admin = await signIn(app, account.admin.email);
    const user = await aUser(db, account, { role: 'administrator' });
    const them = await signIn(app, user.email);
    expect(await status(app, them, '/api/v1/audit-events')).toBe(200);
    const lowered = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { role: 'viewer' },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(await status(app, them, '/api/v1/audit-events')).toBe(403);
    const disabled = await call(app, admin, { method: 'POST', url: `/api/v1/users/${user.id}/disable` });
    expect(disabled.statusCode, disabled.body).toBeLessThan(300);
    expect(await status(app, them)).toBe(401);
  });
});

describe('changes made elsewhere', () => {
  it('another process sees a revoked token as soon as the notification arrives', async () => {
    const account = await anAccount(db, { name: 'Far' });
    const admin = await signIn(app, account.admin.email);
    const token = await bearerFor(app, admin);
    expect(await status(other, token)).toBe(200);
    expect(await status(other, token)).toBe(200);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/api-tokens/${token.tokenId}` })).statusCode,
    ).toBeLessThan(300);
    expect(await eventually(async () => (await status(other, token)) === 401)).toBe(true);
  });

  it('a change written straight into the database (a command-line tool) reaches every process', async () => {
    const account = await anAccount(db, { name: 'Direct' });
    const admin = await signIn(app, account.admin.email);
    expect(await status(app, admin)).toBe(200);
    expect(await status(other, admin)).toBe(200);
    await changeUser(db, account.admin, { status: 'disabled' });
    expect(await eventually(async () => (await status(app, admin)) === 401)).toBe(true);
    expect(await eventually(async () => (await status(other, admin)) === 401)).toBe(true);
  });

  it('after the notification connection was lost, nothing remembered from before is used', async () => {
    const account = await anAccount(db, { name: 'Lost' });
    const admin = await signIn(app, account.admin.email);
    expect(await status(app, admin)).toBe(200);
    // cut this database's notification connections, then change the user while nobody listens
    await cutNotifyConnections(db);
    await changeUser(db, account.admin, { role: 'viewer' });
    expect(await eventually(async () => (await status(app, admin, '/api/v1/audit-events')) === 403)).toBe(true);
  });
});

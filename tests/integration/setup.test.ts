import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/server/modules/setup/index.js';
import { countOf } from '../support/builders/index.js';
import { createTestApp, sessionCookieOf } from '../support/test-app.js';

const { app, database } = await createTestApp();
const body = (token: string) => ({
  token,
  accountName: 'Acme IT',
  name: 'Ada Admin',
  email: 'Ada@Example.test',
  password: 'a long enough password',
});
const accountCount = () => countOf(database.db, sql`select count(*)::int as n from accounts`);

describe('first-run setup', () => {
  let token = '';

  it('says setup is required while no account exists', async () => {
    token = (await issueSetupToken(database.db))!;
    expect(token).toMatch(/^[\w-]{32}$/);
    const res = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(res.json()).toEqual({ required: true });
  });

  it('refuses a wrong token and writes nothing', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: body('not-the-token') });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('invalid_setup_token');
    expect(await accountCount()).toBe(0);
  });

  it('rejects invalid fields with details and writes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body(token), email: 'nope', password: 'short', accountName: 'x'.repeat(500) },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['accountName', 'email', 'password']);
    expect(await accountCount()).toBe(0);
  });

  it('creates the account, its first company and administrator, and signs in', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: body(token) });
    expect(res.statusCode).toBe(201);
    const json = res.json();
    expect(json.user).toMatchObject({
      email: 'ada@example.test',
      role: 'administrator',
      status: 'active',
      companyAccess: 'all',
    });
    expect(json.csrfToken).toBeTruthy();
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `tandem_session=${sessionCookieOf(res)}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.name).toBe('Acme IT');
    const companies = await database.db.execute(sql`select name from companies`);
    expect(companies.rows).toEqual([{ name: 'Acme IT' }]);
    const audit = await database.db.execute<{ action: string }>(sql`select action from audit_events order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['account.create', 'company.create', 'user.create', 'auth.login']);
  });

  it('is closed for good afterwards, on every path variant', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ required: false });
    const variants = [
      '/api/v1/setup',
      '/api/v1/setup/',
      '/api/v1/SETUP',
      '/API/V1/setup',
      '/api/v1/Setup',
      '/api/v1/%73etup',
      '/api/v1/setup%2F',
      '/api/v1//setup',
      '//api/v1/setup',
      '/api/v1/./setup',
      '/api/v1/x/../setup',
      '/api/v1/setup?force=1',
      '/api/v1/setup;jsessionid=1',
      '/api/v1/setup%00',
    ];
    for (const url of variants) {
      const res = await app.inject({ method: 'POST', url, payload: body(token) });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).not.toBe(500);
      if (res.statusCode === 409) expect(res.json().error.code).toBe('setup_closed');
    }
    // even a freshly issued token cannot reopen it
    expect(await issueSetupToken(database.db)).toBeNull();
    expect(await accountCount()).toBe(1);
  });

  it('lets only one of two simultaneous setups win', async () => {
    const other = await createTestApp();
    const fresh = (await issueSetupToken(other.database.db))!;
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        other.app.inject({
          method: 'POST',
          url: '/api/v1/setup',
          payload: { ...body(fresh), email: `admin${i}@example.test` },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await countOf(other.database.db, sql`select count(*)::int as n from accounts`)).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { anAccount, testPassword, slugOf } from '../support/builders/index.js';
import { call, signIn, testPortalDir } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import { submit, customer } from './support-kit.js';
import { accept, invite } from './users-support.js';

/** The real app writing its JSON log into memory, at the level a server runs at (info). */
const captured: string[] = [];
const logDestination = new Writable({
  write(chunk, _encoding, done) {
    captured.push(String(chunk));
    done();
  },
});
const database = await createTestDatabase();
const config = loadConfig({ LOG_LEVEL: 'info', TANDEM_DATA_DIR: '/nonexistent' });
const app = await buildApp({ config, database, consoleDir: '/nonexistent', portalDir: testPortalDir, logDestination });
await app.ready();
afterAll(() => app.close());

const account = await anAccount(database.db, { name: 'Logs', companies: 1 });
const admin = await signIn(app, account.admin.email);
const log = () => captured.join('');
const secret = () => `S3cr3t${randomBytes(12).toString('hex')}`;

describe('secrets stay out of the log', () => {
  it('redacts visitor tokens in queries, invitation and verification tokens in paths, and opaque segments of unknown paths', async () => {
    const secrets: string[] = [];
    // a customer's request and the visitor token it answers with, used where a header cannot be sent
    const slug = await slugOf(database.db, account.companyIds[0]);
    const submitted = await submit(app, slug, customer(1));
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id, visitorToken } = submitted.json() as { id: string; visitorToken: string };
    secrets.push(visitorToken);
    expect(
      (await app.inject({ method: 'GET', url: `/api/portal/${slug}/requests/${id}?token=${visitorToken}` })).statusCode,
    ).toBe(200);
    await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}/messages?afterSeq=0&token=${visitorToken}`,
    });
    await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}/attachments/${account.companyIds[0]}?token=${visitorToken}`,
    });
    await app.inject({ method: 'GET', url: `/api/portal/${slug}/requests/${id}/socket?token=${visitorToken}` });
    // an invitation read and accepted by its link
    const invited = await invite(app, database, admin, { companyIds: 'all', role: 'administrator' });
    secrets.push(invited.token);
    expect((await app.inject({ method: 'GET', url: `/api/v1/invitations/${invited.token}` })).statusCode).toBe(200);
    const newPassword = secret();
    secrets.push(newPassword);
    expect((await accept(app, invited.token, newPassword)).res.statusCode).toBe(200);
    // a contact method's verification link, an unknown address holding a token, a setup token
    for (const url of [
      `/api/v1/contact-verifications/${secret()}`,
      `/api/v1/no-such-route/${secret()}`,
      `/api/v1/invitations/${secret()}/accept?code=${secret()}`,
    ]) {
      secrets.push(...url.match(/S3cr3t\w+/g)!);
      await app.inject({ method: 'POST', url, payload: { password: 'x'.repeat(12) } });
    }
    const text = log();
    expect(text).toContain(`/api/portal/${slug}/requests/${id}?token=[redacted]`);
    expect(text).toContain('/api/v1/invitations/[redacted]/accept');
    expect(text).toContain('/api/v1/contact-verifications/[redacted]');
    for (const s of secrets) expect(text, `${s} is in the log`).not.toContain(s);
  });

  it('never logs the parameters of a failing query (a new password hash)', async () => {
    // the database refuses to store a new password: the route fails with a 500 and logs the error
    await database.db.execute(
      sql.raw(`
      create or replace function refuse_password_change() returns trigger language plpgsql as $$ begin raise exception 'password changes are refused by this test'; end $$;
      create trigger refuse_password_change before update of password_hash on users for each row execute function refuse_password_change();`),
    );
    const newPassword = secret();
    const res = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword },
    });
    expect(res.statusCode).toBe(500);
    const text = log();
    expect(text).toContain('password changes are refused by this test');
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(newPassword);
    expect(text).not.toMatch(/"params":/);
  });
});

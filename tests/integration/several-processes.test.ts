import { signInOverHttp } from '../support/http-sign-in.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { markOnline, upsertPresence } from '../../src/server/modules/presence/index.js';
import { insertAssignment, updateLicence } from '../../src/server/modules/seats/index.js';
import { openLive, type LiveClient } from '../support/live-client.js';
import { startTandemProcess, urlOf, type Running } from '../support/tandem-process.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * What docs/OPERATIONS.md ("Running several processes behind a load balancer") promises, with two
 * real Tandem processes from the build on one PostgreSQL, each with its own data folder and port,
 * sharing only the settings that must match: the database, the secret keys, the public address.
 */
const database = await createTestDatabase();
const admin = { email: 'lb-admin@example.test', password: 'balancer password 0123456789' };
const folders = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'tandem-lb-')));
const shared = {
  DATABASE_URL: database.url,
  TANDEM_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  TANDEM_PUBLIC_URL: 'http://127.0.0.1:1',
  TANDEM_ADMIN_EMAIL: admin.email,
  TANDEM_ADMIN_PASSWORD: admin.password,
};
const sockets: LiveClient[] = [];
const running: Running[] = [];
afterAll(async () => {
  sockets.forEach((s) => s.close());
  for (const r of running) {
    r.child.kill('SIGTERM');
    await r.exited;
  }
  folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

// one after the other, as a rolling start does (migrations and first-run setup once)
async function start(dataDir: string) {
  const r = startTandemProcess({ ...shared, TANDEM_DATA_DIR: dataDir });
  running.push(r);
  return urlOf(r);
}
const a = await start(folders[0]!);
const b = await start(folders[1]!);

const signIn = (base: string) => signInOverHttp(base, admin);

async function live(url: string, headers: Record<string, string> = {}) {
  const client = await openLive(url, headers);
  sockets.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

describe('two Tandem processes on one PostgreSQL, behind any balancer', () => {
  it('each answers /healthz for the balancer', async () => {
    for (const base of [a, b]) {
      const res = await fetch(`${base}/healthz`);
      expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
    }
  });

  it('a session signed in on one process works on the other, writes included: no sticky sessions', async () => {
    const session = await signIn(a);
    const me = await fetch(`${b}/api/v1/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(admin.email);
    const write = await fetch(`${b}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'written through the other process' }),
    });
    expect(write.status).toBe(201);
    // signed out on the second: the first forgets the session too
    const out = await fetch(`${b}/api/v1/auth/logout`, { method: 'POST', headers: session });
    expect(out.status).toBeLessThan(300);
    await expect
      .poll(async () => (await fetch(`${a}/api/v1/me`, { headers: { cookie: session.cookie } })).status)
      .toBe(401);
  });

  it('a chat flows both ways with the customer on one process and the technician on the other', async () => {
    const { db } = database;
    const row = (
      await db.execute<{ id: string; account_id: string; slug: string }>(
        sql`select u.id, u.account_id, p.slug from users u join companies c on c.account_id = u.account_id
            join portals p on p.company_id = c.id where u.email = ${admin.email} limit 1`,
      )
    ).rows[0]!;
    await updateLicence(db, row.account_id, { remoteSupportSeats: 2 });
    await insertAssignment(db, {
      accountId: row.account_id,
      userId: row.id,
      module: 'remoteSupport',
      assignedBy: row.id,
    });
    await upsertPresence(db, row.account_id, row.id, { status: 'available', capacity: 5 });
    await markOnline(db, row.account_id, [row.id], new Date(Date.now() + 600_000));

    const submitted = await fetch(`${a}/api/portal/${row.slug}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Customer', email: 'customer@example.test', question: 'Help across processes' }),
    });
    expect(submitted.status).toBe(201);
    const request = (await submitted.json()) as { id: string; visitorToken: string };

    const session = await signIn(a);
    const technician = await live(`${b.replace(/^http/, 'ws')}/api/v1/live`, { cookie: session.cookie });
    const accepted = await fetch(`${b}/api/v1/support-requests/${request.id}/accept`, {
      method: 'POST',
      headers: session,
    });
    expect(accepted.status).toBe(200);
    technician.send({ type: 'support.subscribe', requestId: request.id, afterSeq: 0 });

    const customer = await live(
      `${a.replace(/^http/, 'ws')}/api/portal/${row.slug}/requests/${request.id}/socket?token=${request.visitorToken}`,
    );
    customer.send({ type: 'resume', afterSeq: customer.messages[0]!.lastSeq });
    customer.send({ type: 'message', clientId: 'c1', body: 'Hello from process A' });
    await technician.next(
      (m) => m.type === 'support.message' && (m.message as { body: string }).body === 'Hello from process A',
    );
    const reply = await fetch(`${b}/api/v1/support-requests/${request.id}/messages`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 't1', body: 'Hello from process B' }),
    });
    expect(reply.status).toBe(201);
    await customer.next((m) => m.type === 'message' && (m.message as { body: string }).body === 'Hello from process B');
  });
});

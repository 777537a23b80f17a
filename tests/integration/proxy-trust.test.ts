import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anAccount, aUser } from '../support/builders/index.js';
import { httpAll, httpCall, listenOnLoopback, statusCounts } from '../support/parallel-http.js';
import { createTestApp } from '../support/test-app.js';

/**
 * Behind a proxy, the client is the entry our own proxy appended to X-Forwarded-For: whatever a
 * client writes to the left of it changes neither the per-address limits nor the audit's addresses.
 */
const failedSignInAddresses = async (db: Awaited<ReturnType<typeof createTestApp>>['database']['db'], email: string) =>
  (
    await db.execute<{ ip: string }>(
      sql`select ip from audit_events where action = 'auth.login_failed' and after->>'email' = ${email} order by id`,
    )
  ).rows.map((r) => r.ip);

const forged = (i: number) => `${(i * 37) % 223}.${i}.${(i * 7) % 250}.${i + 1}`;

/** A wrong-password sign-in as a proxy forwards it: the `X-Forwarded-For` it sends, from `from`. */
const failedSignIn = (email: string, xff: string, from?: string) => ({
  method: 'POST',
  path: '/api/v1/auth/login',
  body: { email, password: 'wrong password' },
  headers: { 'x-forwarded-for': xff },
  from,
});

describe('TANDEM_TRUST_PROXY as a hop count', async () => {
  const { app, database } = await createTestApp({ TANDEM_TRUST_PROXY: '1' });
  const base = await listenOnLoopback(app);
  const account = await anAccount(database.db, { name: 'Proxied', companies: 1 });

  it('takes the right-most entry: forged left-most entries neither escape the limit nor reach the audit', async () => {
    const user = await aUser(database.db, account, { role: 'technician' });
    // what our proxy sends: whatever the client claimed, then the address it saw
    const attempts = Array.from({ length: 12 }, (_, i) => failedSignIn(user.email, `${forged(i)}, 203.0.113.9`));
    expect(statusCounts(await httpAll(base, attempts))).toEqual({ 401: 5, 429: 7 });
    expect(new Set(await failedSignInAddresses(database.db, user.email))).toEqual(new Set(['203.0.113.9']));
  });

  it('still tells clients apart by the address the proxy saw', async () => {
    const user = await aUser(database.db, account, { role: 'technician' });
    const from = (address: string) => failedSignIn(user.email, `10.0.0.1, ${address}`);
    const answers = await httpAll(base, [
      ...Array.from({ length: 6 }, () => from('198.51.100.1')),
      ...Array.from({ length: 3 }, () => from('198.51.100.2')),
    ]);
    expect(statusCounts(answers.slice(0, 6))).toEqual({ 401: 5, 429: 1 });
    expect(statusCounts(answers.slice(6))).toEqual({ 401: 3 });
  });
});

describe('TANDEM_TRUST_PROXY as proxy addresses', async () => {
  const { app, database } = await createTestApp({ TANDEM_TRUST_PROXY: '127.0.0.1' });
  const base = await listenOnLoopback(app);
  const account = await anAccount(database.db, { name: 'Listed', companies: 1 });

  it('reads X-Forwarded-For only from a listed proxy, and only as far as the first address that is not one', async () => {
    const user = await aUser(database.db, account, { role: 'technician' });
    // through the proxy: the client it saw; a client talking to Tandem directly: its own address
    await httpCall(base, failedSignIn(user.email, '192.0.2.50, 203.0.113.20', '127.0.0.1'));
    await httpCall(base, failedSignIn(user.email, '203.0.113.21', '127.0.0.2'));
    expect(await failedSignInAddresses(database.db, user.email)).toEqual(['203.0.113.20', '127.0.0.2']);
  });
});

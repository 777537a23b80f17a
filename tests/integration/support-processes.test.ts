import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/test-app.js';
import { anAccount, slugOf } from '../support/builders/index.js';
import { openLive } from '../support/live-client.js';
import { twoProcesses } from '../support/two-processes.js';
import { customer, online, seated, submit } from './support-kit.js';

/**
 * Two Tandem processes on one PostgreSQL: each app has its own pool and its own LISTEN
 * connection, and listens on its own port — they share nothing but the database.
 */
const { first, second, baseA, baseB, opened } = await twoProcesses();

const db = first.database.db;
const account = await anAccount(db, { name: 'Twin', companies: 1 });
const admin = await signIn(first.app, account.admin.email);
const slug = await slugOf(db, account.companyIds[0]!);
const alice = await seated(first.app, db, account, admin, ['remoteSupport']);
const bob = await seated(first.app, db, account, admin, ['remoteSupport']);

async function open(url: string, headers: Record<string, string> = {}) {
  const client = await openLive(url, headers);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}
const liveHeaders = (caller: { headers: Record<string, string> }) => {
  const h = { ...caller.headers };
  delete h['x-csrf-token'];
  return h;
};

describe('two processes on one database', () => {
  it('customer on one, technician on the other: the queue agrees, accept is still race-safe, the chat flows both ways', async () => {
    await online(db, account.id, [alice.user.id, bob.user.id]);
    const technician = await open(`${baseB}/api/v1/live`, liveHeaders(alice.caller));
    const r1 = (await submit(first.app, slug, customer(1))).json();
    const r2 = (await submit(second, slug, customer(2))).json();
    expect([r1.status, r2.status]).toEqual(['waiting', 'waiting']);
    await technician.next((m) => m.type === 'support.request' && (m.request as { id: string }).id === r1.id);

    const c2 = await open(`${baseA}/api/portal/${slug}/requests/${r2.id}/socket?token=${r2.visitorToken}`);
    expect(c2.messages[0]).toMatchObject({ type: 'hello', queue: { position: 2 } });
    const viaA = (
      await call(first.app, alice.caller, { method: 'GET', url: `/api/v1/support-requests/${r2.id}` })
    ).json().queue;
    const viaB = (await call(second, alice.caller, { method: 'GET', url: `/api/v1/support-requests/${r2.id}` })).json()
      .queue;
    // the same position; the estimate falls as time passes, so the two reads may be a second apart
    expect(viaA.position).toBe(viaB.position);
    expect(Math.abs(viaA.estimatedWaitSeconds - viaB.estimatedWaitSeconds)).toBeLessThanOrEqual(1);

    // both technicians accept the first request at once, each through another process
    const [a, b] = await Promise.all([
      call(first.app, alice.caller, { method: 'POST', url: `/api/v1/support-requests/${r1.id}/accept` }),
      call(second, bob.caller, { method: 'POST', url: `/api/v1/support-requests/${r1.id}/accept` }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    // the second customer moves up: the process holding their socket was told by the other
    await c2.next((m) => m.type === 'queue' && (m.queue as { position: number }).position === 1, 5000);

    // bob accepts r2 on process B; the customer's socket is on A
    const accept = await call(second, bob.caller, { method: 'POST', url: `/api/v1/support-requests/${r2.id}/accept` });
    expect(accept.statusCode).toBe(200);
    await c2.next((m) => m.type === 'status' && m.status === 'active');
    const bobSocket = await open(`${baseB}/api/v1/live`, liveHeaders(bob.caller));
    bobSocket.send({ type: 'support.subscribe', requestId: r2.id, afterSeq: 0 });
    c2.send({ type: 'resume', afterSeq: 0 });
    c2.send({ type: 'message', clientId: 'hello-1', body: 'Hello from process A' });
    await bobSocket.next(
      (m) => m.type === 'support.message' && (m.message as { body: string }).body === 'Hello from process A',
      5000,
    );
    const written = await call(second, bob.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${r2.id}/messages`,
      payload: { clientId: 'b-1', body: 'Hello from process B' },
    });
    expect(written.statusCode).toBe(201);
    await c2.next((m) => m.type === 'message' && (m.message as { body: string }).body === 'Hello from process B', 5000);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { countAvailable, presenceGraceMs } from '../../src/server/modules/presence/index.js';
import { sweepWaiting } from '../../src/server/modules/requests/index.js';
import { liveCloseCodes } from '../../src/shared/realtime.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import {
  anAccount,
  graceEnded,
  nth,
  onlineUntilOf,
  requestRow,
  requestsOfCompany,
  shiftRequestTimes,
  waitedBeforeAccept,
  outboxRowsTo,
  slugOf,
} from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { customer, seated, submit } from './support-kit.js';

const { app, database, config } = await createTestApp();
const db = database.db;
const base = await listenForSockets(app);
const account = await anAccount(db, { name: 'Queue', companies: 3 });
const admin = await signIn(app, account.admin.email);
const opened: LiveClient[] = [];
afterAll(() => opened.forEach((c) => c.close()));

async function technicianSocket(caller: Caller): Promise<LiveClient> {
  const headers = { ...caller.headers };
  delete headers['x-csrf-token'];
  const client = await openLive(`${base}/api/v1/live`, headers);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

async function customerSocket(slug: string, r: { id: string; visitorToken: string }): Promise<LiveClient> {
  const client = await openLive(`${base}/api/portal/${slug}/requests/${r.id}/socket?token=${r.visitorToken}`);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  client.send({ type: 'resume', afterSeq: 0 });
  return client;
}

type Queue = { position: number; estimatedWaitSeconds: number };
/** Does `action`, then waits for a queue frame received since it began that matches. */
async function queueAfter(
  client: LiveClient,
  action: () => Promise<unknown>,
  match: (q: Queue) => boolean,
  timeoutMs = 3000,
): Promise<Queue> {
  const seen = client.messages.length;
  await action();
  const frame = await client.next(
    (m) => client.messages.indexOf(m) >= seen && m.type === 'queue' && match(m.queue as Queue),
    timeoutMs,
  );
  return frame.queue as Queue;
}
const presence = (caller: Caller, payload: object) =>
  call(app, caller, { method: 'PUT', url: '/api/v1/me/presence', payload });
const onlineUntil = (userId: string) => onlineUntilOf(db, userId);
const upkeep = async () => {
  // every socket answered the last ping (the ws client does at once) before the next upkeep pings again
  await new Promise((r) => setTimeout(r, 100));
  await app.live.runUpkeep();
};

describe('queue position and estimated wait', () => {
  it('follow technicians live: status, capacity, signing out, time passing; when all are gone the customer gets the offline path', async () => {
    const companyId = account.companyIds[0]!;
    const slug = await slugOf(db, companyId);
    const t1 = await seated(app, db, account, admin, ['remoteSupport']);
    const t2 = await seated(app, db, account, admin, ['remoteSupport']);
    const s1 = await technicianSocket(t1.caller);
    const s2 = await technicianSocket(t2.caller);
    await expect.poll(() => countAvailable(db, account.id, companyId, new Date())).toBe(2);

    const requests: { id: string; visitorToken: string }[] = [];
    for (const n of [1, 2, 3]) {
      const res = await submit(app, slug, { ...customer(n), email: `queue${n}@example.test` });
      expect(res.json().status).toBe('waiting');
      requests.push(res.json() as { id: string; visitorToken: string });
    }
    const third = await customerSocket(slug, requests[2]!);
    const hello = third.messages[0]!.queue as Queue;
    // position 3 with two technicians: the second round of accepts (60 s each without history)
    expect(hello.position).toBe(3);
    expect(hello.estimatedWaitSeconds).toBeGreaterThan(100);
    expect(hello.estimatedWaitSeconds).toBeLessThanOrEqual(120);

    // a technician steps away: three rounds; back: two
    const away = await queueAfter(
      third,
      () => presence(t2.caller, { status: 'away' }),
      (q) => q.estimatedWaitSeconds > 150,
    );
    expect(away).toMatchObject({ position: 3 });
    await queueAfter(
      third,
      () => presence(t2.caller, { status: 'available', capacity: 1 }),
      (q) => q.estimatedWaitSeconds <= 120,
    );

    // t2 takes the first chat and is then at capacity: one technician left for the queue
    await queueAfter(
      third,
      () => call(app, t2.caller, { method: 'POST', url: `/api/v1/support-requests/${requests[0]!.id}/accept` }),
      (q) => q.position === 2,
    );
    // (that accept took a second, which now sets the pace; give it the usual minute again)
    await waitedBeforeAccept(db, nth(requests, 0).id, 60);
    await queueAfter(third, upkeep, (q) => q.position === 2 && q.estimatedWaitSeconds > 100);
    // raising the capacity frees them again: position 2 of two technicians is the first round
    await queueAfter(
      third,
      () => presence(t2.caller, { capacity: 2 }),
      (q) => q.position === 2 && q.estimatedWaitSeconds <= 60,
    );

    // time passes with nothing else happening: the upkeep recomputes, the estimate falls
    await shiftRequestTimes(
      db,
      requests.slice(1).map((r) => r.id),
      40,
    );
    const later = await queueAfter(third, upkeep, (q) => q.estimatedWaitSeconds <= 25);
    expect(later.position).toBe(2);

    // t1 signs out: their socket closes at once, they stay counted for the grace period only
    const signedOut = Date.now();
    expect((await call(app, t1.caller, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await s1.closed).code).toBe(liveCloseCodes.unauthenticated);
    await expect.poll(async () => (await onlineUntil(t1.user.id)).getTime() <= Date.now() + presenceGraceMs).toBe(true);
    expect((await onlineUntil(t1.user.id)).getTime()).toBeGreaterThanOrEqual(signedOut + presenceGraceMs - 1000);
    expect(await countAvailable(db, account.id, companyId, new Date())).toBe(2);
    // the grace period ends (moved into the past rather than waited for): one technician, two rounds
    await graceEnded(db, t1.user.id);
    const oneLeft = await queueAfter(third, upkeep, (q) => q.estimatedWaitSeconds > 60);
    expect(oneLeft.position).toBe(2);

    // the last technician closes their last tab: after the grace period nobody can take the chat
    s2.close();
    await s2.closed;
    await expect.poll(async () => (await onlineUntil(t2.user.id)).getTime() <= Date.now() + presenceGraceMs).toBe(true);
    expect(await sweepWaiting(db, config, new Date())).toBe(0);
    const swept = await sweepWaiting(db, config, new Date(Date.now() + presenceGraceMs + 1000));
    expect(swept).toBe(2);
    // the first status frame saying offline (a waiting one sent before the sweep may still be unread)
    const status = await third.next((m) => m.type === 'status' && m.status !== 'waiting');
    expect(status).toMatchObject({
      status: 'offline',
      offlineReason: 'no_technician',
      offlineMessage: expect.any(String),
    });
    const rows = await requestsOfCompany(db, companyId);
    expect(rows.map((r) => [r.status, r.offlineReason])).toEqual([
      ['active', null],
      ['offline', 'no_technician'],
      ['offline', 'no_technician'],
    ]);
    expect(await outboxRowsTo(db, 'queue3@example.test')).toHaveLength(1);
  });

  it('keeps waiting while technicians are present but all at capacity (they will be free again)', async () => {
    const companyId = account.companyIds[1]!;
    const slug = await slugOf(db, companyId);
    const t = await seated(app, db, account, admin, ['remoteSupport'], [companyId]);
    await technicianSocket(t.caller);
    await presence(t.caller, { status: 'available', capacity: 1 });
    const first = (await submit(app, slug, customer(10))).json();
    const second = (await submit(app, slug, customer(11))).json();
    expect(second.status).toBe('waiting');
    expect(
      (await call(app, t.caller, { method: 'POST', url: `/api/v1/support-requests/${first.id}/accept` })).statusCode,
    ).toBe(200);
    expect(await countAvailable(db, account.id, companyId, new Date())).toBe(0);
    expect(await sweepWaiting(db, config, new Date(Date.now() + 5_000))).toBe(0);
    expect((await requestRow(db, second.id)).status).toBe('waiting');
  });
});

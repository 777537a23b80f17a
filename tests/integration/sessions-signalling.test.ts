import { describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import { anAccount, eventsAbout, slugOf } from '../support/builders/index.js';
import { openLive } from '../support/live-client.js';
import { twoProcesses } from '../support/two-processes.js';
import { call, signIn, type Caller } from '../support/test-app.js';
import { seated, visitor } from './support-kit.js';
import { aWaitingSession, invite } from './sessions-customer-kit.js';

/**
 * Two Tandem processes on one PostgreSQL (their own pools, LISTEN connections and ports): the
 * customer's session socket on one, technicians' live sockets on either.
 */
const { first, baseA, baseB, opened } = await twoProcesses();

const db = first.database.db;
const account = await anAccount(db, { name: 'Relay', companies: 1 });
const company = account.companyIds[0]!;
const admin = await signIn(first.app, account.admin.email);
const slug = await slugOf(db, company);
const alice = await seated(first.app, db, account, admin, ['remoteSupport']);
const bob = await seated(first.app, db, account, admin, ['remoteSupport']);
const carol = await seated(first.app, db, account, admin, ['remoteSupport']);
const elsewhere = await anAccount(db, { name: 'Elsewhere', companies: 1 });

const liveHeaders = (caller: Caller) => {
  const h = { ...caller.headers };
  delete h['x-csrf-token'];
  return h;
};
async function technician(base: string, caller: Caller) {
  const client = await openLive(`${base}/api/v1/live`, liveHeaders(caller));
  opened.push(client);
  const hello = await client.next((m) => m.type === 'hello');
  return Object.assign(client, { peerId: hello.connectionId as string });
}
async function customerSocket(base: string, sessionId: string, token: string) {
  const client = await openLive(`${base}/api/portal/${slug}/sessions/${sessionId}/socket?token=${token}`);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}
/** A session of alice's, joined by a customer on the portal (its visitor token known). */
async function joinedSession(holder = alice.user.id) {
  const session = await aWaitingSession(db, account, company, holder);
  const res = await first.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/sessions`,
    payload: { code: session.code, name: 'Grace' },
    remoteAddress: '10.77.0.1',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { sessionId: string; visitorToken: string };
}
const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0 offer' } } as const;
const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0 answer' } } as const;
const isSignal = (m: Record<string, unknown>) => m.type === 'signal' || m.type === 'session.signal';
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('session signalling across two processes', () => {
  it('relays each signal to exactly the socket it is addressed to, both ways, and tells the customer who watches', async () => {
    const s = await joinedSession();
    await invite(db, s.sessionId, bob.user.id);
    // alice watches from process B before the customer connects; bob from A
    const a = await technician(baseB, alice.caller);
    a.send({ type: 'session.watch', sessionId: s.sessionId, ref: 'w1' });
    await a.next((m) => m.type === 'session.state');
    const b = await technician(baseA, bob.caller);
    b.send({ type: 'session.watch', sessionId: s.sessionId });
    const state = await b.next((m) => m.type === 'session.state');
    expect(state.state).toMatchObject({ sessionId: s.sessionId, status: 'joined', technicianName: 'Test technician' });

    // the customer on A: hello lists A's viewer (bob); B re-announces alice
    const c = await customerSocket(baseA, s.sessionId, s.visitorToken);
    expect(c.messages[0]).toMatchObject({
      type: 'hello',
      session: { sessionId: s.sessionId },
      viewers: [{ peerId: b.peerId }],
    });
    await c.next(
      (m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === a.peerId && m.present === true,
      5000,
    );

    // customer → alice (on the other process) only
    c.send({ type: 'signal', peerId: a.peerId, signal: offer });
    const got = await a.next((m) => m.type === 'session.signal', 5000);
    expect(got).toEqual({ type: 'session.signal', sessionId: s.sessionId, signal: offer });
    // alice → the customer, named by her socket
    a.send({ type: 'session.signal', sessionId: s.sessionId, signal: answer });
    const back = await c.next((m) => m.type === 'signal', 5000);
    expect(back).toEqual({ type: 'signal', peerId: a.peerId, signal: answer });
    await settle();
    expect(b.messages.filter(isSignal)).toEqual([]);
    expect(c.messages.filter(isSignal)).toHaveLength(1);

    // customer → bob and back on the same process: delivered at once, and once (its own notice skipped)
    c.send({ type: 'signal', peerId: b.peerId, signal: offer });
    expect(await b.next((m) => m.type === 'session.signal', 5000)).toMatchObject({ signal: offer });
    b.send({ type: 'session.signal', sessionId: s.sessionId, signal: answer });
    await c.next((m) => m.type === 'signal' && m.peerId === b.peerId, 5000);
    await settle();
    expect(a.messages.filter(isSignal)).toHaveLength(1);
    expect(b.messages.filter(isSignal)).toHaveLength(1);
    expect(c.messages.filter(isSignal)).toHaveLength(2);

    // bob leaves: the customer is told
    b.send({ type: 'session.leave', sessionId: s.sessionId });
    await c.next(
      (m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === b.peerId && m.present === false,
      5000,
    );
  });

  it('refuses a technician who is not invited, a wrong token, another account, and an oversized frame', async () => {
    const s = await joinedSession();
    const intruder = await technician(baseA, carol.caller);
    intruder.send({ type: 'session.watch', sessionId: s.sessionId, ref: 'x' });
    expect(await intruder.next((m) => m.type === 'error')).toMatchObject({ code: 'not_found', ref: 'x' });
    intruder.send({ type: 'session.signal', sessionId: s.sessionId, signal: answer, ref: 'y' });
    expect(await intruder.next((m) => m.type === 'error' && m.ref === 'y')).toMatchObject({ code: 'not_found' });
    const stranger = await technician(baseB, await signIn(first.app, elsewhere.admin.email));
    stranger.send({ type: 'session.watch', sessionId: s.sessionId, ref: 'z' });
    expect(await stranger.next((m) => m.type === 'error')).toMatchObject({ code: 'not_found' });

    await expect(
      openLive(`${baseA}/api/portal/${slug}/sessions/${s.sessionId}/socket?token=wrong`),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      openLive(`${baseA}/api/portal/${slug}/sessions/${s.sessionId}/socket?token=${s.visitorToken}`, {
        origin: 'https://evil.example',
      }),
    ).rejects.toMatchObject({ status: 403 });

    const c = await customerSocket(baseB, s.sessionId, s.visitorToken);
    c.send({
      type: 'signal',
      peerId: 'x',
      signal: { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(limits.signalBytes + 4096) } },
    });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'too_large' });
    c.send({ type: 'signal', peerId: 'x', signal: { kind: 'nonsense' } });
    expect(await c.next((m) => m.type === 'error' && m.code === 'invalid_frame')).toBeTruthy();
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong');
  });

  it('pushes consent to watchers and the customer, and drops watchers when the customer leaves', async () => {
    const s = await joinedSession();
    const a = await technician(baseB, alice.caller);
    a.send({ type: 'session.watch', sessionId: s.sessionId });
    await a.next((m) => m.type === 'session.state');
    const c = await customerSocket(baseA, s.sessionId, s.visitorToken);
    const as = { headers: visitor(s.visitorToken) };
    const url = `/api/portal/${slug}/sessions/${s.sessionId}`;
    expect(
      (await call(first.app, as, { method: 'POST', url: `${url}/consent`, payload: { consent: true } })).statusCode,
    ).toBe(200);
    expect((await eventsAbout(db, s.sessionId)).map((e) => e.type)).toEqual(['session.started']);
    await a.next((m) => m.type === 'session.state' && (m.state as { status: string }).status === 'active', 5000);
    await c.next((m) => m.type === 'session' && (m.session as { status: string }).status === 'active', 5000);

    await call(first.app, as, { method: 'POST', url: `${url}/leave` });
    expect(await a.next((m) => m.type === 'session.unwatched', 5000)).toEqual({
      type: 'session.unwatched',
      sessionId: s.sessionId,
      reason: 'ended',
    });
    await c.next((m) => m.type === 'session' && (m.session as { status: string }).status === 'ended', 5000);
    // no longer watching: a signal is refused
    a.send({ type: 'session.signal', sessionId: s.sessionId, signal: answer, ref: 'late' });
    expect(await a.next((m) => m.type === 'error' && m.ref === 'late')).toMatchObject({ code: 'conflict' });
  });

  it('drops a watcher who loses their seat, and tells the customer when a watching socket closes', async () => {
    const s = await joinedSession(bob.user.id);
    const c = await customerSocket(baseA, s.sessionId, s.visitorToken);
    const b = await technician(baseB, bob.caller);
    b.send({ type: 'session.watch', sessionId: s.sessionId });
    await b.next((m) => m.type === 'session.state');
    await c.next((m) => m.type === 'viewer' && m.present === true, 5000);
    const removed = await call(first.app, admin, {
      method: 'DELETE',
      url: `/api/v1/seats/remoteSupport/assignments/${bob.user.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(await b.next((m) => m.type === 'session.unwatched', 5000)).toMatchObject({ reason: 'seat_required' });
    await c.next((m) => m.type === 'viewer' && m.present === false, 5000);

    const s2 = await joinedSession();
    const c2 = await customerSocket(baseB, s2.sessionId, s2.visitorToken);
    const a = await technician(baseA, alice.caller);
    a.send({ type: 'session.watch', sessionId: s2.sessionId });
    await c2.next((m) => m.type === 'viewer' && m.present === true, 5000);
    a.close();
    await c2.next((m) => m.type === 'viewer' && m.present === false, 5000);
  });
});

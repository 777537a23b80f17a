import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { presenceGraceMs, countAvailable } from '../../src/server/modules/presence/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { anAccount, messagesOf, onlineUntilOf, requestRow, slugOf } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { visitorSend } from '../../src/server/modules/requests/index.js';
import { firstWords, statementsDuring, transactionStatements } from '../support/statements.js';
import { ResilientCustomer, startFlakyProxy } from './support-chat-kit.js';
import { customer, online, seated, submit } from './support-kit.js';

const testApp = await createTestApp();
const { app, database } = testApp;
const db = database.db;
const base = await listenForSockets(app);
const host = new URL(base).host;

const account = await anAccount(db, { name: 'Chat', companies: 2 });
const admin = await signIn(app, account.admin.email);
const companyId = account.companyIds[0]!;
const slug = await slugOf(db, companyId);
const tech = await seated(app, db, account, admin, ['remoteSupport']);
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

async function customerSocket(id: string, token: string, headers: Record<string, string> = {}): Promise<LiveClient> {
  const client = await openLive(`${base}/api/portal/${slug}/requests/${id}/socket?token=${token}`, headers);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

async function liveRequest(n: number) {
  await online(db, account.id, [tech.user.id]);
  const res = await submit(app, slug, customer(n));
  expect(res.json().status).toBe('waiting');
  return res.json() as { id: string; visitorToken: string; number: number };
}

describe("the customer's socket", () => {
  it('checks Origin and the token before the upgrade', async () => {
    const { id, visitorToken } = await liveRequest(1);
    await expect(
      openLive(`${base}/api/portal/${slug}/requests/${id}/socket?token=${visitorToken}`, {
        origin: 'https://evil.example',
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(openLive(`${base}/api/portal/${slug}/requests/${id}/socket?token=nope`)).rejects.toMatchObject({
      status: 404,
    });
    const ok = await customerSocket(id, visitorToken, { origin: `http://${host}` });
    expect(ok.messages[0]).toMatchObject({
      type: 'hello',
      requestId: id,
      status: 'waiting',
      lastSeq: 1,
      queue: { position: expect.any(Number) },
    });
  });

  it('answers malformed, unknown, oversize and flooding frames with error frames and keeps working', async () => {
    const { id, visitorToken } = await liveRequest(2);
    const c = await customerSocket(id, visitorToken);
    c.send('not json');
    await c.next((m) => m.type === 'error' && m.code === 'invalid_frame');
    c.send({ type: 'message', clientId: 'bad id with spaces', body: 'x' });
    await c.next((m) => m.type === 'error' && m.code === 'invalid_frame' && m.ref === 'bad id with spaces');
    c.send({ type: 'nonsense' });
    c.send(JSON.stringify({ type: 'message', clientId: 'big', body: 'x'.repeat(20_000) }));
    await c.next((m) => m.type === 'error' && m.code === 'too_large');
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong');
    for (let i = 0; i < 60; i++) c.send({ type: 'typing', typing: i % 2 === 0 });
    await c.next((m) => m.type === 'error' && m.code === 'rate_limited');
    expect(c.socket.readyState).toBe(c.socket.OPEN);
    expect(await messagesOf(db, id)).toHaveLength(1);
  });

  it('chats both ways with the technician on the live socket: accept, messages with acks (the technician’s over HTTP), typing, read', async () => {
    const t = await technicianSocket(tech.caller);
    const { id, visitorToken } = await liveRequest(3);
    await t.next(
      (m) => m.type === 'support.request' && m.change === 'created' && (m.request as { id: string }).id === id,
    );
    const c = await customerSocket(id, visitorToken);
    c.send({ type: 'resume', afterSeq: 0 });
    await c.next((m) => m.type === 'message' && (m.message as { seq: number }).seq === 1);

    const accepted = await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${id}/accept` });
    expect(accepted.statusCode).toBe(200);
    await c.next((m) => m.type === 'status' && m.status === 'active' && m.technicianName === 'Test');

    t.send({ type: 'support.subscribe', requestId: id, afterSeq: 0 });
    await t.next((m) => m.type === 'support.message' && (m.message as { seq: number }).seq === 2);

    c.send({ type: 'message', clientId: 'c-1', body: 'My screen is blue <b>really</b>' });
    const ack = await c.next((m) => m.type === 'ack' && m.clientId === 'c-1');
    expect(ack.seq).toBe(3);
    const seen = await t.next((m) => m.type === 'support.message' && (m.message as { seq: number }).seq === 3);
    expect((seen.message as { body: string }).body).toBe('My screen is blue <b>really</b>');

    t.send({ type: 'support.typing', requestId: id, typing: true });
    await c.next((m) => m.type === 'typing' && m.typing === true);
    // the technician writes over HTTP (the console's one write path); the live socket pushes it
    const written = await call(app, tech.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${id}/messages`,
      payload: { clientId: 't-1', body: 'Restart please' },
    });
    expect(written.statusCode).toBe(201);
    expect(written.json()).toMatchObject({ seq: 4, clientId: 't-1', body: 'Restart please' });
    await t.next((m) => m.type === 'support.message' && (m.message as { seq: number }).seq === 4);
    await c.next((m) => m.type === 'message' && (m.message as { seq: number }).seq === 4);
    // a message frame on the live socket is an unknown frame: nothing is stored
    t.send({ type: 'support.message', requestId: id, clientId: 't-2', body: 'Over the socket', ref: 't-2' });
    expect(await t.next((m) => m.type === 'error' && m.ref === 't-2')).toMatchObject({
      code: 'unknown_frame',
      message: 'Unknown frame type "support.message".',
    });
    c.send({ type: 'read', seq: 4 });
    await t.next((m) => m.type === 'support.read' && m.by === 'customer' && m.seq === 4);
    c.send({ type: 'typing', typing: true });
    await t.next((m) => m.type === 'support.typing' && m.typing === true);

    // the same client id again stores nothing
    c.send({ type: 'message', clientId: 'c-1', body: 'My screen is blue <b>really</b>' });
    await c.next(
      (m) =>
        m.type === 'ack' &&
        m.clientId === 'c-1' &&
        m.seq === 3 &&
        c.messages.filter((x) => x.type === 'ack').length === 2,
    );
    expect((await messagesOf(db, id)).map((r) => r.seq)).toEqual([1, 2, 3, 4]);

    // coming back, the customer is told at once where the chat stands and who is on it
    c.close();
    const again = await customerSocket(id, visitorToken);
    expect(again.messages[0]).toMatchObject({
      type: 'hello',
      requestId: id,
      status: 'active',
      lastSeq: 4,
      queue: null,
      technicianName: 'Test',
    });
  });

  it("stores a customer's usual message in one statement, its seq, the message and both notices", async () => {
    const { id, visitorToken } = await liveRequest(5);
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const notices: Array<{ channel: string; payload: unknown }> = [];
    listener.on('notification', (n) => notices.push({ channel: n.channel, payload: JSON.parse(n.payload!) }));
    await listener.query('listen tandem_chat; listen tandem_support');
    try {
      const seen = await statementsDuring(() =>
        visitorSend(db, slug, id, visitorToken, { clientId: 'count-1', body: 'How many?' }),
      );
      expect(firstWords(seen)).toEqual(['with']);
      const stored = (await messagesOf(db, id)).filter((m) => m.clientId === 'count-1');
      expect(stored.map((m) => m.seq)).toEqual([2]);
      expect((await requestRow(db, id)).lastSeq).toBe(2);
      // announced at commit, as the careful path announces it
      await expect.poll(() => notices.length).toBe(2);
      const [message] = stored;
      expect(notices).toEqual([
        {
          channel: 'tandem_chat',
          // the notice carries the message: followers just before it need not read it back
          payload: {
            requestId: id,
            event: 'message',
            seq: 2,
            side: 'customer',
            message: { ...message, attachmentId: undefined, createdAt: message!.createdAt.toISOString() },
          },
        },
        {
          channel: 'tandem_support',
          payload: { accountId: account.id, companyId, requestId: id, change: 'message', takenBy: null },
        },
      ]);
    } finally {
      await listener.end();
    }
  });

  it('takes the careful path for anything unusual: a resend is answered from what is stored, a wrong token changes nothing', async () => {
    const { id, visitorToken } = await liveRequest(6);
    const first = await visitorSend(db, slug, id, visitorToken, { clientId: 'again-1', body: 'Once' });
    // the one statement finds nothing to do; then begin, the portal, the request locked, the client
    // id found: the stored message is the answer, nothing is written
    const seen = await statementsDuring(() =>
      visitorSend(db, slug, id, visitorToken, { clientId: 'again-1', body: 'Once' }),
    );
    expect(firstWords(seen)[0]).toBe('with');
    const careful = await transactionStatements(() =>
      visitorSend(db, slug, id, visitorToken, { clientId: 'again-1', body: 'Once' }),
    );
    expect(firstWords(careful)).toEqual(['begin', 'select', 'select', 'select', 'commit']);
    const again = await visitorSend(db, slug, id, visitorToken, { clientId: 'again-1', body: 'Once' });
    expect(again).toEqual({ message: first.message, duplicate: true });
    await expect(visitorSend(db, slug, id, 'not-the-token', { clientId: 'again-2', body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      visitorSend(db, slug.toUpperCase(), id, visitorToken, { clientId: 'again-3', body: 'The slug in capitals' }),
    ).resolves.toMatchObject({ duplicate: false, message: { seq: 3 } });
    expect((await messagesOf(db, id)).map((m) => [m.seq, m.clientId])).toEqual([
      [1, null],
      [2, 'again-1'],
      [3, 'again-3'],
    ]);
    expect((await requestRow(db, id)).lastSeq).toBe(3);
  });

  it('stores two sends of one client id racing each other once, and answers both', async () => {
    const { id, visitorToken } = await liveRequest(7);
    const both = await Promise.all(
      [1, 2].map(() => visitorSend(db, slug, id, visitorToken, { clientId: 'race-1', body: 'Twice at once' })),
    );
    expect(both.map((b) => b.message.seq)).toEqual([2, 2]);
    expect(both.filter((b) => b.duplicate)).toHaveLength(1);
    expect((await messagesOf(db, id)).map((m) => m.seq)).toEqual([1, 2]);
    expect((await requestRow(db, id)).lastSeq).toBe(2);
  });

  it('announces a long or escape-heavy message without its text, and followers read it back', async () => {
    const { id, visitorToken } = await liveRequest(8);
    const t = await technicianSocket(tech.caller);
    t.send({ type: 'support.subscribe', requestId: id, afterSeq: 0 });
    await t.next((m) => m.type === 'support.message' && (m.message as { seq: number }).seq === 1);
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const carried: boolean[] = [];
    listener.on('notification', (n) => carried.push('message' in JSON.parse(n.payload!)));
    await listener.query('listen tandem_chat');
    try {
      const bodies = ['"'.repeat(2_000), '\u0001'.repeat(1_000), 'é'.repeat(3_999), 'Short and "quoted" \\ text'];
      for (const [i, body] of bodies.entries())
        await visitorSend(db, slug, id, visitorToken, { clientId: `long-${i}`, body });
      await expect.poll(() => carried).toEqual([false, false, false, true]);
      for (const [i, body] of bodies.entries())
        await t.next(
          (m) =>
            m.type === 'support.message' &&
            (m.message as { seq: number; body: string }).seq === i + 2 &&
            (m.message as { body: string }).body === body,
        );
    } finally {
      await listener.end();
    }
  });

  it('loses, duplicates and reorders nothing through a connection that is delayed and cut mid-chat', async () => {
    const { id, visitorToken } = await liveRequest(4);
    expect(
      (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${id}/accept` })).statusCode,
    ).toBe(200);
    const port = Number(new URL(base).port);
    const proxy = await startFlakyProxy({ host: '127.0.0.1', port }, 15);
    const client = new ResilientCustomer(
      `ws://127.0.0.1:${proxy.port}/api/portal/${slug}/requests/${id}/socket?token=${visitorToken}`,
    );
    await client.reconnect();
    const total = 30;
    for (let i = 1; i <= total; i++) {
      client.say(`c-${i}`, `customer ${i}`);
      if (i % 3 === 0) {
        const res = await call(app, tech.caller, {
          method: 'POST',
          url: `/api/v1/support-requests/${id}/messages`,
          payload: { clientId: `t-${i}`, body: `tech ${i}` },
        });
        expect(res.statusCode).toBe(201);
      }
      if (i === 10 || i === 20) {
        proxy.cut();
        await new Promise((r) => setTimeout(r, 30));
        await client.reconnect();
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const techCount = total / 3;
    // the question, the "joined" line, every customer message, every technician message
    const expected = 2 + total + techCount;
    await client.until(() => client.pending.size === 0 && client.lastSeq === expected, 20_000);
    expect(client.duplicates).toBe(0);
    expect(client.gaps).toBe(0);
    expect(client.received.map((r) => r.seq)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    const customerBodies = client.received.filter((r) => r.author === 'customer' && r.clientId).map((r) => r.clientId);
    expect(customerBodies).toEqual(Array.from({ length: total }, (_, i) => `c-${i + 1}`));
    const stored = (await messagesOf(db, id)).filter((m) => m.authorType === 'customer' && m.clientId !== null);
    expect({ n: stored.length, distinct: new Set(stored.map((m) => m.clientId)).size }).toEqual({
      n: total,
      distinct: total,
    });
    client.client?.close();
    await proxy.close();
  });
});

describe('presence', () => {
  it('counts a technician available while a live socket is open, and not after the grace period once the last one closes', async () => {
    const other = await seated(app, db, account, admin, ['remoteSupport'], [account.companyIds[1]!]);
    const otherCompany = account.companyIds[1]!;
    const now = () => new Date();
    expect(await countAvailable(db, account.id, otherCompany, now())).toBe(0);
    const socket = await technicianSocket(other.caller);
    await expect.poll(() => countAvailable(db, account.id, otherCompany, now())).toBe(1);
    await call(app, other.caller, { method: 'PUT', url: '/api/v1/me/presence', payload: { status: 'away' } });
    expect(await countAvailable(db, account.id, otherCompany, now())).toBe(0);
    await call(app, other.caller, {
      method: 'PUT',
      url: '/api/v1/me/presence',
      payload: { status: 'available', capacity: 1 },
    });
    expect(await countAvailable(db, account.id, otherCompany, now())).toBe(1);
    socket.close();
    await socket.closed;
    await expect
      .poll(async () => (await onlineUntilOf(db, other.user.id)).getTime() <= Date.now() + presenceGraceMs + 1000)
      .toBe(true);
    expect(await countAvailable(db, account.id, otherCompany, now())).toBe(1);
    expect(await countAvailable(db, account.id, otherCompany, new Date(Date.now() + presenceGraceMs + 1000))).toBe(0);
  });
});

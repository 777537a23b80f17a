import { afterAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { cutNotifyConnections, notifyConnectionCount } from '../support/test-database.js';
import { anAccount, aUser, slugOf } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { messageChangeDelayMs } from '../../src/server/modules/requests/index.js';
import { customer, online, seated, submit, visitor } from './support-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const base = await listenForSockets(app);
const account = await anAccount(db, { name: 'Live support', companies: 3 });
const admin = await signIn(app, account.admin.email);
const [companyId, otherCompany] = account.companyIds;
const slug = await slugOf(db, companyId);
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

const isRequest = (id: string, change: string) => (m: Record<string, unknown>) =>
  m.type === 'support.request' && m.change === change && (m.request as { id: string }).id === id;

describe('support.request frames on the live socket', () => {
  it('bring a new request at once to every technician who may take it, and to nobody else', async () => {
    const mine = await seated(app, db, account, admin, ['remoteSupport']);
    const elsewhere = await seated(app, db, account, admin, ['remoteSupport'], [otherCompany]);
    const deskOnly = await seated(app, db, account, admin, ['serviceDesk']);
    const unseated = {
      caller: await signIn(app, (await aUser(db, account, { role: 'technician', companies: [companyId] })).email),
    };
    const sockets = await Promise.all(
      [mine, elsewhere, deskOnly, unseated, { caller: admin }].map((t) => technicianSocket(t.caller)),
    );
    await online(db, account.id, [mine.user.id]);

    const sent = Date.now();
    const res = await submit(app, slug, customer(1));
    expect(res.json().status).toBe('waiting');
    const { id } = res.json();
    const [toMine, , , , toAdmin] = sockets;
    const frame = await toMine!.next(isRequest(id, 'created'), 2000);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(frame.request).toMatchObject({ id, status: 'waiting', customer: { name: 'Customer 1' }, companyId });
    expect(frame.takenBy).toBeNull();
    // an administrator without a Remote Support seat does not see chats either
    await new Promise((r) => setTimeout(r, 300));
    for (const socket of sockets.slice(1))
      expect(socket.messages.filter((m) => m.type === 'support.request')).toEqual([]);
    expect(toAdmin).toBeDefined();

    // accepted by one: every technician who saw it is told who took it
    const other = await seated(app, db, account, admin, ['remoteSupport']);
    const otherSocket = await technicianSocket(other.caller);
    expect(
      (await call(app, mine.caller, { method: 'POST', url: `/api/v1/support-requests/${id}/accept` })).statusCode,
    ).toBe(200);
    const taken = await otherSocket.next(isRequest(id, 'accepted'));
    expect(taken.takenBy).toEqual({ id: mine.user.id, name: expect.any(String) });
  });
});

describe('message changes of the request list', () => {
  it('reach technicians in batches: one small frame a second naming the requests each may see, however many messages', async () => {
    const tech = await seated(app, db, account, admin, ['remoteSupport']);
    await online(db, account.id, [tech.user.id]);
    const requests = [(await submit(app, slug, customer(5))).json(), (await submit(app, slug, customer(6))).json()];
    const t = await technicianSocket(tech.caller);
    const far = await technicianSocket(
      await signIn(app, (await aUser(db, account, { role: 'technician', companies: [otherCompany!] })).email),
    );
    for (const r of requests)
      expect(
        (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${r.id}/accept` })).statusCode,
      ).toBe(200);
    await new Promise((r) => setTimeout(r, messageChangeDelayMs + 200));
    const before = t.messages.length;

    // five customer messages in each chat, all at once
    const sent = Date.now();
    const sends = requests.flatMap((r) =>
      [1, 2, 3, 4, 5].map((n) =>
        app.inject({
          method: 'POST',
          url: `/api/portal/${slug}/requests/${r.id}/messages`,
          headers: visitor(r.visitorToken),
          payload: { clientId: `burst-${n}`, body: `Message ${n}` },
        }),
      ),
    );
    expect((await Promise.all(sends)).map((res) => res.statusCode)).toEqual(Array(10).fill(201));
    const ids = requests.map((r) => r.id as string);
    const seen = new Set<string>();
    while (seen.size < ids.length) {
      const frame = await t.next(
        (m) => m.type === 'support.new_messages' && (m.requestIds as string[]).some((id) => !seen.has(id)),
        3000,
      );
      for (const id of frame.requestIds as string[]) seen.add(id);
    }
    expect(Date.now() - sent).toBeLessThan(messageChangeDelayMs + 1500);
    await new Promise((r) => setTimeout(r, messageChangeDelayMs * 2));
    const frames = t.messages.slice(before).filter((m) => m.type === 'support.new_messages');
    // ten messages sent together: a frame or two, each naming only these requests, never one per message
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames.length).toBeLessThanOrEqual(2);
    for (const f of frames) expect((f.requestIds as string[]).every((id) => ids.includes(id))).toBe(true);
    // no presented request per message any more
    expect(t.messages.slice(before).filter((m) => m.type === 'support.request')).toEqual([]);
    // a technician of another company hears nothing of them
    expect(far.messages.filter((m) => m.type === 'support.new_messages')).toEqual([]);
    // the lists, read again, say what moved
    const list = await call(app, tech.caller, { method: 'GET', url: '/api/v1/support-requests?view=active' });
    expect(list.statusCode, list.body).toBe(200);
    for (const r of requests)
      expect(
        (list.json() as { items: { id: string; unread: number }[] }).items.find((i) => i.id === r.id),
      ).toMatchObject({
        unread: 6, // the question and the five messages, none read yet
      });
  });
});

describe('after the database notification connection is lost', () => {
  it('resynchronises: messages and requests written meanwhile arrive once it is back', async () => {
    const tech = await seated(app, db, account, admin, ['remoteSupport']);
    await online(db, account.id, [tech.user.id]);
    const created = (await submit(app, slug, customer(2))).json();
    const t = await technicianSocket(tech.caller);
    expect(
      (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${created.id}/accept` }))
        .statusCode,
    ).toBe(200);
    t.send({ type: 'support.subscribe', requestId: created.id, afterSeq: 0 });
    await t.next((m) => m.type === 'support.message' && (m.message as { seq: number }).seq === 2);
    const c = await openLive(`${base}/api/portal/${slug}/requests/${created.id}/socket?token=${created.visitorToken}`);
    opened.push(c);
    await c.next((m) => m.type === 'hello');
    c.send({ type: 'resume', afterSeq: 0 });
    await c.next((m) => m.type === 'message' && (m.message as { seq: number }).seq === 2);

    // the LISTEN connection dies; wait until it is really gone, then write while nobody listens
    await cutNotifyConnections(db);
    await expect.poll(() => notifyConnectionCount(db)).toBe(0);
    const fromCustomer = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/requests/${created.id}/messages`,
      headers: visitor(created.visitorToken),
      payload: { clientId: 'during-1', body: 'Written while the server was deaf' },
    });
    expect(fromCustomer.statusCode).toBe(201);
    const fromTech = await call(app, tech.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${created.id}/messages`,
      payload: { clientId: 'during-2', body: 'Answered meanwhile' },
    });
    expect(fromTech.statusCode).toBe(201);
    const missed = (await submit(app, slug, customer(3))).json();
    const notYet = t.messages.length;

    // it comes back by itself: the console refetches (resync), followers pull what was stored
    await t.next((m) => m.type === 'resync', 10_000);
    const gotCustomer = await t.next(
      (m) => m.type === 'support.message' && (m.message as { clientId: string }).clientId === 'during-1',
    );
    expect((gotCustomer.message as { seq: number }).seq).toBe(3);
    const gotTech = await c.next(
      (m) => m.type === 'message' && (m.message as { clientId: string | null; seq: number }).seq === 4,
    );
    expect((gotTech.message as { body: string }).body).toBe('Answered meanwhile');
    const list = (await call(app, tech.caller, { method: 'GET', url: '/api/v1/support-requests?view=new' })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(missed.id);
    expect(t.messages.length).toBeGreaterThan(notYet);

    // and live notices flow again
    const after = (await submit(app, slug, customer(4))).json();
    await t.next(isRequest(after.id, 'created'));
    // nothing was sent twice
    const seqs = t.messages
      .filter((m) => m.type === 'support.message' && m.requestId === created.id)
      .map((m) => (m.message as { seq: number }).seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });
});

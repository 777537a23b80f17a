import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, countOf, slugOf } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { customer, online, seated, submit } from './support-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const base = await listenForSockets(app);
const account = await anAccount(db, { name: 'SocketText', companies: 1 });
const admin = await signIn(app, account.admin.email);
const slug = await slugOf(db, account.companyIds[0]);
const tech = await seated(app, db, account, admin, ['remoteSupport']);
const opened: LiveClient[] = [];
afterAll(() => opened.forEach((c) => c.close()));

async function open(url: string, headers: Record<string, string> = {}) {
  const client = await openLive(url, headers);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

describe('chat frames with text PostgreSQL cannot store', () => {
  it('are refused (an invalid frame on the customer socket, 400 over HTTP), nothing stored, and the sockets keep working', async () => {
    await online(db, account.id, [tech.user.id]);
    const { id, visitorToken } = (await submit(app, slug, customer(1))).json() as { id: string; visitorToken: string };
    expect(
      (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${id}/accept` })).statusCode,
    ).toBe(200);
    const c = await open(`${base}/api/portal/${slug}/requests/${id}/socket?token=${visitorToken}`);
    const techHeaders = { ...tech.caller.headers };
    delete techHeaders['x-csrf-token'];
    const t = await open(`${base}/api/v1/live`, techHeaders);
    const count = () => countOf(db, sql`select count(*)::int as n from support_messages where request_id = ${id}`);
    const before = await count();

    c.send({ type: 'message', clientId: 'c-nul', body: 'hello\u0000' });
    await c.next((m) => m.type === 'error' && m.code === 'invalid_frame' && m.ref === 'c-nul');
    c.send({ type: 'message', clientId: 'c-sur', body: 'hello\ud800' });
    await c.next((m) => m.type === 'error' && m.code === 'invalid_frame' && m.ref === 'c-sur');
    // the technician writes over HTTP, whose validator refuses them too
    const refused = await call(app, tech.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${id}/messages`,
      payload: { clientId: 't-nul', body: 'x\u0000' },
    });
    expect(refused.statusCode).toBe(400);
    expect(await count()).toBe(before);

    c.send({ type: 'message', clientId: 'c-ok', body: 'still here' });
    await c.next((m) => m.type === 'ack' && m.clientId === 'c-ok');
    expect(await count()).toBe(before + 1);
    t.send({ type: 'ping', ref: 't-still' });
    await t.next((m) => m.type === 'pong' && m.ref === 't-still');
  });
});

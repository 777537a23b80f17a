import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordEvent } from '../../src/server/platform/events/record.js';
import { liveCloseCodes, liveMaxFrameBytes } from '../../src/shared/realtime.js';
import { AppError } from '../../src/server/platform/http/app-error.js';
import { call, createTestApp, type Caller } from '../support/test-app.js';
import { buildWorld, type World } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';

const testApp = await createTestApp();
const { app, database } = testApp;
let world: World;
let base: string;
const open: LiveClient[] = [];

async function connect(caller: Caller, extra: Record<string, string> = {}): Promise<LiveClient> {
  const headers = { ...caller.headers, ...extra };
  delete headers['x-csrf-token'];
  const client = await openLive(`${base}/api/v1/live`, headers);
  open.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

beforeAll(async () => {
  // a module's frame, registered as the chat and presence modules register theirs
  app.live.onFrame(
    'test.echo',
    z.object({ type: z.literal('test.echo'), text: z.string().max(10), ref: z.string().optional() }),
    (connection, frame) => {
      if (frame.text === 'refuse') throw new AppError('conflict', 'Refused on purpose.');
      if (frame.text === 'crash') throw new Error('secret internal detail');
      connection.send({ type: 'test.echoed', text: frame.text, by: connection.actor.userId });
    },
  );
  world = await buildWorld(testApp);
  base = await listenForSockets(app);
});
afterAll(() => {
  for (const client of open) client.close();
});

const event = (
  accountId: string,
  companyId: string | null,
  type: 'device.offline' | 'licence.device_limit_reached' = 'device.offline',
) =>
  database.db.transaction((tx) =>
    recordEvent(tx, { accountId, companyId, type, subjectId: null, payload: { name: 'pc-1' } }),
  );

describe('opening the live socket', () => {
  it('needs a signed-in user', async () => {
    await expect(openLive(`${base}/api/v1/live`)).rejects.toMatchObject({ status: 401 });
    await expect(openLive(`${base}/api/v1/live`, { authorization: 'Bearer tdm_nope' })).rejects.toMatchObject({
      status: 401,
    });
  });

  it('refuses a page of another site, accepts this one and clients without an Origin', async () => {
    await expect(
      openLive(`${base}/api/v1/live`, { ...world.sessions.administrator.headers, origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ status: 403 });
    const host = new URL(base).host;
    const client = await connect(world.sessions.administrator, { origin: `http://${host}` });
    expect(client.messages[0]).toMatchObject({ type: 'hello', userId: world.users.administrator.id });
    await connect(world.tokens.technician);
  });

  it('answers a plain GET with 426', async () => {
    const res = await call(app, world.sessions.viewer, { method: 'GET', url: '/api/v1/live' });
    expect(res.statusCode).toBe(426);
    expect(res.json().error.code).toBe('upgrade_required');
  });
});

describe('events', () => {
  it('reach each user for the companies they can see, never another account', async () => {
    const [companyA1, companyA2] = world.accountA.companyIds as [string, string];
    const admin = await connect(world.sessions.administrator);
    const technician = await connect(world.sessions.technician);
    const viewer = await connect(world.tokens.viewer);
    const otherAccount = await connect(
      await import('../support/test-app.js').then((m) => m.signIn(app, world.users.otherAccountAdmin.email)),
    );

    const inOwn = await event(world.accountA.id, companyA1);
    const inOther = await event(world.accountA.id, companyA2);
    const accountWide = await event(world.accountA.id, null, 'licence.device_limit_reached');
    const marker = await event(world.accountB.id, world.accountB.companyIds[0]!);

    await admin.next((m) => (m.event as { id: string } | undefined)?.id === accountWide);
    await technician.next((m) => (m.event as { id: string } | undefined)?.id === inOwn);
    await viewer.next((m) => (m.event as { id: string } | undefined)?.id === inOwn);
    await otherAccount.next((m) => (m.event as { id: string } | undefined)?.id === marker);

    const ids = (c: LiveClient) =>
      c.messages.filter((m) => m.type === 'event').map((m) => (m.event as { id: string }).id);
    expect(ids(admin)).toEqual([inOwn, inOther, accountWide]);
    expect(ids(technician)).toEqual([inOwn]);
    expect(ids(viewer)).toEqual([inOwn]);
    expect(ids(otherAccount)).toEqual([marker]);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(Number(/^tandem_live_connections (\d+)$/m.exec(metrics.body)?.[1])).toBeGreaterThanOrEqual(4);
    expect(admin.messages.find((m) => m.type === 'event')).toMatchObject({
      event: { type: 'device.offline', companyId: companyA1, payload: { name: 'pc-1' } },
    });
  });
});

describe('frames', () => {
  it('are validated, dispatched to their module and answered with errors a client can act on', async () => {
    const client = await connect(world.sessions.technician);
    client.send({ type: 'ping', ref: 'p1' });
    await client.next((m) => m.type === 'pong' && m.ref === 'p1');
    client.send({ type: 'test.echo', text: 'hi' });
    expect(await client.next((m) => m.type === 'test.echoed')).toEqual({
      type: 'test.echoed',
      text: 'hi',
      by: world.users.technician.id,
    });

    client.send('not json');
    await client.next((m) => m.type === 'error' && m.code === 'invalid_frame' && String(m.message).includes('JSON'));
    client.send({ type: 'nope', ref: 'n1' });
    await client.next((m) => m.type === 'error' && m.code === 'unknown_frame' && m.ref === 'n1');
    client.send({ type: 'test.echo', text: 'far too long for this', ref: 'long' });
    await client.next((m) => m.type === 'error' && m.code === 'invalid_frame' && m.ref === 'long');
    client.send({ type: 'test.echo', text: 'refuse', ref: 'r' });
    await client.next((m) => m.type === 'error' && m.code === 'conflict' && m.message === 'Refused on purpose.');
    client.send({ type: 'test.echo', text: 'crash', ref: 'c' });
    const crash = await client.next((m) => m.type === 'error' && m.ref === 'c');
    expect(crash).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(crash)).not.toContain('secret');
    // still usable after all that
    client.send({ type: 'ping', ref: 'p2' });
    await client.next((m) => m.type === 'pong' && m.ref === 'p2');
  });

  it('over the size limit close the socket', async () => {
    const client = await connect(world.sessions.technician);
    client.send({ type: 'test.echo', text: 'x'.repeat(liveMaxFrameBytes + 10) });
    expect((await client.closed).code).toBe(1009);
  });

  it('beyond the rate are refused, and the socket recovers', async () => {
    const client = await connect(world.sessions.technician);
    for (let i = 0; i < 60; i++) client.send({ type: 'ping', ref: `r${i}` });
    await client.next((m) => m.type === 'error' && m.code === 'rate_limited');
    const answered = client.messages.filter((m) => m.type === 'pong').length;
    expect(answered).toBeGreaterThanOrEqual(40);
    expect(answered).toBeLessThan(60);
    await new Promise((r) => setTimeout(r, 300));
    client.send({ type: 'ping', ref: 'later' });
    await client.next((m) => m.type === 'pong' && m.ref === 'later');
  });
});

describe('upkeep', () => {
  it('closes the socket of a session that signed out', async () => {
    const { signIn } = await import('../support/test-app.js');
    const session = await signIn(app, world.users.viewer.email);
    const client = await connect(session);
    await app.live.runUpkeep();
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    const out = await call(app, session, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBeLessThan(300);
    await app.live.runUpkeep();
    expect((await client.closed).code).toBe(liveCloseCodes.unauthenticated);
  });

  it('follows a change of company access without reconnecting', async () => {
    const client = await connect(world.sessions.technician);
    const [companyA1, companyA2] = world.accountA.companyIds as [string, string];
    const before = await event(world.accountA.id, companyA2);
    const res = await call(app, world.sessions.administrator, {
      method: 'PATCH',
      url: `/api/v1/users/${world.users.technician.id}`,
      payload: { companyIds: [companyA1, companyA2] },
    });
    expect(res.statusCode).toBe(200);
    await app.live.runUpkeep();
    const after = await event(world.accountA.id, companyA2);
    await client.next((m) => (m.event as { id: string } | undefined)?.id === after);
    expect(client.messages.some((m) => (m.event as { id: string } | undefined)?.id === before)).toBe(false);
  });

  it('drops a socket that stops answering pings', async () => {
    const client = await connect(world.tokens.viewer);
    // a client that answers no ping: stop the automatic pong
    client.socket.pong = () => {};
    (client.socket as unknown as { _receiver: { removeAllListeners(e: string): void } })._receiver.removeAllListeners(
      'ping',
    );
    await app.live.runUpkeep();
    await new Promise((r) => setTimeout(r, 100));
    await app.live.runUpkeep();
    expect((await client.closed).code).toBe(1006);
  });
});

import { createPublicKey, verify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readGrantPayload, splitGrant } from '../../src/shared/remote/grant.js';
import { aDevice, anAccount, aSupportSession } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { seated } from './support-kit.js';
import { invite, timelineOf } from './sessions-customer-kit.js';

/**
 * A device session's transports through the server: the agent's session socket (the sharing side
 * of the signalling) and the relay joining a technician's console socket to the agent's, message
 * for message, text and binary, with its limits and its refusals.
 */
const { app, database } = await createTestApp();
const db = database.db;
const base = await listenForSockets(app);
const account = await anAccount(db, { name: 'Relay', companies: 2 });
const [companyId, otherCompany] = account.companyIds as [string, string];
const admin = await signIn(app, account.admin.email);
const alice = await seated(app, db, account, admin, ['remoteSupport']);
const bob = await seated(app, db, account, admin, ['remoteSupport']);
const elsewhere = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const opened: { close(): void }[] = [];

const liveHeaders = (caller: Caller) => {
  const h = { ...caller.headers };
  delete h['x-csrf-token'];
  return h;
};
async function technician(caller: Caller) {
  const client = await openLive(`${base}/api/v1/live`, liveHeaders(caller));
  opened.push(client);
  const hello = await client.next((m) => m.type === 'hello');
  return Object.assign(client, { peerId: hello.connectionId as string });
}
async function watching(caller: Caller, sessionId: string) {
  const t = await technician(caller);
  t.send({ type: 'session.watch', sessionId });
  await t.next((m) => m.type === 'session.state');
  return t;
}
/** An active control session of alice's on a device of `company`. */
async function activeSession(company = companyId, mode: 'view' | 'control' = 'control') {
  const device = await aDevice(db, account.id, company, { name: 'Front desk' });
  const session = await aSupportSession(db, {
    accountId: account.id,
    companyId: company,
    technicianId: alice.user.id,
    kind: 'device',
    deviceId: device.id,
    mode,
    status: 'active',
  });
  return { device, sessionId: session.id };
}
async function agentSocket(sessionId: string, headers: Record<string, string>): Promise<LiveClient> {
  const client = await openLive(`${base}/api/agent/sessions/${sessionId}/socket`, headers);
  opened.push(client);
  return client;
}
/** A raw socket (binary messages kept as they are). */
function raw(url: string, headers: Record<string, string>) {
  return new Promise<{ socket: WebSocket; got: { data: Buffer; binary: boolean }[]; closed: Promise<number> }>(
    (resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const got: { data: Buffer; binary: boolean }[] = [];
      socket.on('message', (data, binary) => got.push({ data: data as Buffer, binary }));
      const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
      socket.on('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error('refused'), { status: res.statusCode })),
      );
      socket.on('error', reject);
      socket.on('open', () => {
        opened.push(socket);
        resolve({ socket, got, closed });
      });
    },
  );
}

describe("the agent's session socket", () => {
  it("is the sharing side of the signalling: it hears the viewers, the owner's socket with control, and records its coming and going", async () => {
    const { device, sessionId } = await activeSession();
    await invite(db, sessionId, bob.user.id);
    const a = await watching(alice.caller, sessionId);
    const agent = await agentSocket(sessionId, device.headers);
    const hello = await agent.next((m) => m.type === 'hello');
    expect(hello.viewers).toEqual([{ peerId: a.peerId, name: expect.any(String), control: true }]);
    const b = await watching(bob.caller, sessionId);
    const seen = await agent.next((m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === b.peerId);
    expect(seen).toMatchObject({ present: true, viewer: { control: false } });
    // an offer to alice's socket reaches it alone
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0 device' } };
    agent.send({ type: 'signal', peerId: a.peerId, signal: offer });
    expect(await a.next((m) => m.type === 'session.signal')).toMatchObject({ signal: offer });
    agent.close();
    await expect
      .poll(() => timelineOf(db, sessionId))
      .toEqual(expect.arrayContaining(['device_connected', 'device_disconnected']));
  });

  it('follows a transfer: the new owner watches with control, the old owner is dropped, an invited technician only views', async () => {
    const { device, sessionId } = await activeSession();
    const agent = await agentSocket(sessionId, device.headers);
    const a = await watching(alice.caller, sessionId);
    await agent.next((m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === a.peerId);
    const res = await call(app, alice.caller, {
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/transfer`,
      payload: { userId: bob.user.id },
    });
    expect(res.statusCode).toBe(200);
    expect(await a.next((m) => m.type === 'session.unwatched')).toMatchObject({ reason: 'transferred' });
    await agent.next(
      (m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === a.peerId && m.present === false,
    );
    const b = await watching(bob.caller, sessionId);
    const bobSeen = await agent.next(
      (m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === b.peerId && m.present === true,
    );
    expect(bobSeen).toMatchObject({ viewer: { control: true } });
    // alice, invited back by bob, watches without control
    await invite(db, sessionId, alice.user.id);
    const again = await watching(alice.caller, sessionId);
    const aliceSeen = await agent.next(
      (m) => m.type === 'viewer' && (m.viewer as { peerId: string }).peerId === again.peerId && m.present === true,
    );
    expect(aliceSeen).toMatchObject({ viewer: { control: false } });
  });

  it('refuses another device, a revoked device, a session not active and no credential', async () => {
    const { sessionId } = await activeSession();
    const other = await aDevice(db, account.id, companyId);
    await expect(agentSocket(sessionId, other.headers)).rejects.toMatchObject({ status: 404 });
    const { device: revoked, sessionId: revokedSession } = await activeSession();
    await db.execute(`update devices set revoked_at = now() where id = '${revoked.id}'`);
    await expect(agentSocket(revokedSession, revoked.headers)).rejects.toMatchObject({ status: 404 });
    await expect(agentSocket(sessionId, {})).rejects.toMatchObject({ status: 401 });
    const waitingDevice = await aDevice(db, account.id, companyId);
    const waiting = await aSupportSession(db, {
      accountId: account.id,
      companyId,
      technicianId: alice.user.id,
      kind: 'device',
      deviceId: waitingDevice.id,
      mode: 'view',
      status: 'waiting',
    });
    await expect(agentSocket(waiting.id, waitingDevice.headers)).rejects.toMatchObject({ status: 404 });
  });
});

describe('a device revoked during its session', () => {
  it('ends the session at once: its agent socket, the relay and the watch close, the timeline says why', async () => {
    const { device, sessionId } = await activeSession();
    const a = await watching(alice.caller, sessionId);
    const agent = await agentSocket(sessionId, device.headers);
    const console_ = await raw(
      `${base}/api/v1/sessions/${sessionId}/relay?peer=${a.peerId}`,
      liveHeaders(alice.caller),
    );
    const ask = await agent.next((m) => m.type === 'relay');
    const side = await raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, device.headers);
    const res = await call(app, admin, { method: 'POST', url: `/api/v1/devices/${device.id}/revoke` });
    expect(res.statusCode).toBe(200);
    expect((await agent.closed).code).toBe(4000);
    expect(await console_.closed).toBe(4000);
    expect(await side.closed).toBe(4000);
    expect(await a.next((m) => m.type === 'session.unwatched')).toMatchObject({ reason: 'ended' });
    const session = (await call(app, admin, { method: 'GET', url: `/api/v1/sessions/${sessionId}` })).json();
    expect(session).toMatchObject({ status: 'ended', outcome: 'unknown' });
    expect(session.timeline.at(-1)).toMatchObject({ type: 'ended', data: { reason: 'device_revoked' } });
  });
});

describe('the relay', () => {
  it('asks the agent with a signed relay grant, then passes text and binary both ways unchanged', async () => {
    const { device, sessionId } = await activeSession();
    const a = await watching(alice.caller, sessionId);
    const agent = await agentSocket(sessionId, device.headers);
    const console_ = await raw(
      `${base}/api/v1/sessions/${sessionId}/relay?peer=${a.peerId}`,
      liveHeaders(alice.caller),
    );
    const ask = await agent.next((m) => m.type === 'relay');
    expect(ask).toMatchObject({ peerId: a.peerId, relayId: expect.any(String) });
    // the grant is the server's, for this device, this session and this relay
    const parts = splitGrant(ask.grant as string)!;
    const payload = readGrantPayload(parts.payloadBytes)!;
    expect(payload).toMatchObject({ purpose: 'relay', sessionId, deviceId: device.id, relayId: ask.relayId });
    const live = await openLive(`${base}/api/agent/live`, device.headers);
    opened.push(live);
    const { grantKey } = (await live.next((m) => m.type === 'hello')) as { grantKey: string };
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: grantKey }, format: 'jwk' });
    expect(verify(null, parts.payloadBytes, key, parts.signature)).toBe(true);

    const side = await raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, device.headers);
    side.socket.send(JSON.stringify({ t: 'hello' }));
    side.socket.send(Buffer.from([1, 2, 3, 4]), { binary: true });
    console_.socket.send(JSON.stringify({ t: 'ack', seq: 0 }));
    await expect.poll(() => console_.got.length).toBe(2);
    expect(console_.got[0]).toMatchObject({ binary: false });
    expect(console_.got[0]!.data.toString()).toBe('{"t":"hello"}');
    expect(console_.got[1]).toMatchObject({ binary: true, data: Buffer.from([1, 2, 3, 4]) });
    await expect.poll(() => side.got.length).toBe(1);
    expect(side.got[0]!.data.toString()).toBe('{"t":"ack","seq":0}');

    // a message over 64 KiB ends the relay: both sides close
    side.socket.send(Buffer.alloc(64 * 1024 + 1), { binary: true });
    expect(await side.closed).toBe(1009);
    expect(await console_.closed).toBe(4000);
  });

  it('asks an agent that connects after the console, and closes when the technician stops watching', async () => {
    const { device, sessionId } = await activeSession();
    const a = await watching(alice.caller, sessionId);
    const console_ = await raw(
      `${base}/api/v1/sessions/${sessionId}/relay?peer=${a.peerId}`,
      liveHeaders(alice.caller),
    );
    const agent = await agentSocket(sessionId, device.headers);
    const ask = await agent.next((m) => m.type === 'relay');
    const side = await raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, device.headers);
    a.send({ type: 'session.leave', sessionId });
    expect(await console_.closed).toBe(4000);
    expect(await side.closed).toBe(4000);
  });

  it("refuses a relay id that is not this session's, another device, and one used twice", async () => {
    const { device, sessionId } = await activeSession();
    const a = await watching(alice.caller, sessionId);
    const agent = await agentSocket(sessionId, device.headers);
    await raw(`${base}/api/v1/sessions/${sessionId}/relay?peer=${a.peerId}`, liveHeaders(alice.caller));
    const ask = await agent.next((m) => m.type === 'relay');
    const other = await activeSession();
    await expect(
      raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, other.device.headers),
    ).rejects.toMatchObject({
      status: 404,
    });
    const wrong = await raw(`${base}/api/agent/sessions/${other.sessionId}/relay/${ask.relayId}`, other.device.headers);
    expect(await wrong.closed).toBe(4404);
    await raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, device.headers);
    const twice = await raw(`${base}/api/agent/sessions/${sessionId}/relay/${ask.relayId}`, device.headers);
    expect(await twice.closed).toBe(4404);
  });

  it('is for the technician watching from that socket only: others are refused before the upgrade', async () => {
    const { sessionId } = await activeSession();
    const a = await watching(alice.caller, sessionId);
    const url = `${base}/api/v1/sessions/${sessionId}/relay?peer=${a.peerId}`;
    // bob is not invited: the session is not his to see
    await expect(raw(url, liveHeaders(bob.caller))).rejects.toMatchObject({ status: 404 });
    await invite(db, sessionId, bob.user.id);
    // bob may watch, but that socket is alice's
    await expect(raw(url, liveHeaders(bob.caller))).rejects.toMatchObject({ status: 409 });
    const stranger = await signIn(app, elsewhere.admin.email);
    await expect(raw(url, liveHeaders(stranger))).rejects.toMatchObject({ status: 404 });
    await expect(raw(url, {})).rejects.toMatchObject({ status: 401 });
    // an attended session has no device to relay to
    const attended = await aSupportSession(db, {
      accountId: account.id,
      companyId,
      technicianId: alice.user.id,
      status: 'active',
    });
    await expect(
      raw(`${base}/api/v1/sessions/${attended.id}/relay?peer=${a.peerId}`, liveHeaders(alice.caller)),
    ).rejects.toMatchObject({ status: 404 });
    // a device of a company outside alice's access
    const { sessionId: hidden } = await activeSession(otherCompany);
    await expect(
      raw(`${base}/api/v1/sessions/${hidden}/relay?peer=${a.peerId}`, liveHeaders(alice.caller)),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});

afterAll(() => {
  for (const o of opened) o.close();
});

import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentClientFrame } from '../../shared/agent-frames.js';
import { toBase64Url, type GrantPayload } from '../../shared/remote/grant.js';
import { saveCredential, type StoredCredential } from '../credential-store.js';
import type { ConsentSystem } from './consent.js';
import { RemoteAgent, type SessionStart } from './remote-agent.js';
import { SessionLog } from './session-log.js';

const keys = generateKeyPairSync('ed25519');
const grantKey = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;

function grantFor(deviceId: string, overrides: Partial<GrantPayload> = {}) {
  const iat = Math.floor(Date.now() / 1000);
  const payload: GrantPayload = {
    v: 1,
    purpose: 'open',
    sessionId: randomUUID(),
    deviceId,
    accountId: randomUUID(),
    mode: 'control',
    technicianName: 'Ada Lovelace',
    companyName: 'Acme',
    consent: { mode: 'allow', seconds: 30 },
    fileMaxBytes: 1000,
    iat,
    exp: iat + 60,
    nonce: randomUUID(),
    ...overrides,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return { payload, grant: `${toBase64Url(bytes)}.${toBase64Url(sign(null, bytes, keys.privateKey))}` };
}

/** A stand-in for the server's /api/agent/live: records headers and frames, lets the test send frames. */
async function fakeServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/api/agent/live' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const received: AgentClientFrame[] = [];
  const authorizations: string[] = [];
  const sockets: WebSocket[] = [];
  const waiters: Array<() => void> = [];
  wss.on('connection', (socket, request) => {
    authorizations.push(request.headers.authorization ?? '');
    sockets.push(socket);
    socket.on('message', (data) => {
      received.push(JSON.parse(data.toString()) as AgentClientFrame);
      for (const w of waiters.splice(0)) w();
    });
    for (const w of waiters.splice(0)) w();
  });
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    received,
    authorizations,
    sockets,
    until,
    send: (frame: unknown) => sockets.at(-1)?.send(JSON.stringify(frame)),
    close: () => new Promise((resolve) => wss.close(resolve)),
  };
}

const consentAnswer = (code: number): ConsentSystem => ({
  platform: 'linux',
  env: { DISPLAY: ':0' },
  run: async () => ({ code, stdout: '' }),
  detach: () => {},
  has: async () => true,
});

describe('RemoteAgent over the control socket', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(consent: ConsentSystem) {
    const server = await fakeServer();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-agent-'));
    const file = path.join(dir, 'credential.json');
    const stored: StoredCredential = { server: server.url, deviceId: randomUUID(), credential: 'tdc_test' };
    await saveCredential(file, stored);
    const started: SessionStart[] = [];
    const closed: string[] = [];
    const sessionLog = new SessionLog(path.join(dir, 'sessions.log'));
    const agent = new RemoteAgent({
      stored,
      file,
      log: () => {},
      language: 'en',
      sessionLog,
      consentSystem: consent,
      socket: { backoff: { baseMs: 20, capMs: 50 } },
      startSession: (s) => {
        started.push(s);
        return { resume: () => {}, close: (reason) => closed.push(reason) };
      },
    });
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    cleanups.push(server.close, async () => {
      controller.abort();
      await running;
    });
    await server.until(() => server.sockets.length > 0);
    server.send({ type: 'hello', deviceId: stored.deviceId, grantKey });
    return { server, stored, file, started, closed, dir, agent, sessionLog };
  }

  it('connects with the device credential, pins the hello key, consents and starts the session', async () => {
    const { server, stored, file, started, dir, sessionLog } = await start(consentAnswer(0));
    expect(server.authorizations[0]).toBe('Device tdc_test');
    const { grant, payload } = grantFor(stored.deviceId, { consent: { mode: 'ask', seconds: 10 } });
    server.send({ type: 'session.open', grant });
    await server.until(() => server.received.some((f) => f.type === 'session.consent'));
    expect(server.received).toContainEqual({
      type: 'session.consent',
      sessionId: payload.sessionId,
      result: 'accepted',
    });
    expect(started[0]?.payload).toEqual(payload);
    // the key is pinned on the hello, written beside the session's start: read once it is there
    await expect
      .poll(async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>)
      .toMatchObject({ grantKey });
    await sessionLog.written();
    const log = (await readFile(path.join(dir, 'sessions.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((l: { event: string }) => l.event)).toEqual(['open', 'consent']);
    expect(log[0]).toMatchObject({ sessionId: payload.sessionId, technician: 'Ada Lovelace', company: 'Acme' });
  });

  it('answers declined when the person at the device says no, and starts nothing', async () => {
    const { server, stored, started } = await start(consentAnswer(1));
    const { grant, payload } = grantFor(stored.deviceId, { consent: { mode: 'ask', seconds: 10 } });
    server.send({ type: 'session.open', grant });
    await server.until(() => server.received.some((f) => f.type === 'session.consent'));
    expect(server.received).toContainEqual({
      type: 'session.consent',
      sessionId: payload.sessionId,
      result: 'declined',
    });
    expect(started).toHaveLength(0);
  });

  it('refuses a grant for another device or replayed, and starts nothing', async () => {
    const { server, stored, started } = await start(consentAnswer(0));
    const other = grantFor(randomUUID());
    server.send({ type: 'session.open', grant: other.grant });
    await server.until(() => server.received.some((f) => f.type === 'session.consent'));
    expect(server.received).toContainEqual({
      type: 'session.consent',
      sessionId: other.payload.sessionId,
      result: 'refused_grant',
    });
    const mine = grantFor(stored.deviceId);
    server.send({ type: 'session.open', grant: mine.grant });
    await server.until(() => started.length === 1);
    server.send({ type: 'session.close', sessionId: mine.payload.sessionId });
    server.send({ type: 'session.open', grant: mine.grant });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started).toHaveLength(1);
  });

  it('closes the session on session.close, and connects again when the socket drops', async () => {
    const { server, stored, started, closed } = await start(consentAnswer(0));
    const { grant, payload } = grantFor(stored.deviceId);
    server.send({ type: 'session.open', grant });
    await server.until(() => started.length === 1);
    server.send({ type: 'session.close', sessionId: payload.sessionId });
    await server.until(() => closed.length === 1);
    expect(closed).toEqual(['closed_by_server']);
    server.sockets[0]?.terminate();
    await server.until(() => server.sockets.length === 2);
    expect(server.authorizations[1]).toBe('Device tdc_test');
  });
});

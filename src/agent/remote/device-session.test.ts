import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { toBase64Url, type GrantPayload } from '../../shared/remote/grant.js';
import { decodeBinary, encodeFileChunk, type RemoteToAgent } from '../../shared/remote/protocol.js';
import type { RawFrame, ScreenSource } from './capture.js';
import { DeviceSession, fitClipboard, fitListing } from './device-session.js';
import { GrantVerifier } from './grant-verifier.js';
import type { InputDriver } from './input.js';
import { SessionLog } from './session-log.js';

const keys = generateKeyPairSync('ed25519');
const grantKey = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
const deviceId = randomUUID();
const sessionId = randomUUID();

function grant(overrides: Partial<GrantPayload> = {}) {
  const iat = Math.floor(Date.now() / 1000);
  const payload: GrantPayload = {
    v: 1,
    purpose: 'open',
    sessionId,
    deviceId,
    accountId: randomUUID(),
    mode: 'control',
    technicianName: 'Ada',
    companyName: 'Acme',
    consent: { mode: 'allow', seconds: 30 },
    fileMaxBytes: 1_000_000,
    iat,
    exp: iat + 60,
    nonce: randomUUID(),
    ...overrides,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return { payload, text: `${toBase64Url(bytes)}.${toBase64Url(sign(null, bytes, keys.privateKey))}` };
}

/** A console at the other end of a relay: it decodes tiles, acknowledges them, and keeps the texts. */
class FakeConsole {
  texts: Array<Record<string, unknown>> = [];
  tiles = 0;
  chunks: Uint8Array[] = [];
  constructor(
    readonly socket: WebSocket,
    readonly headers: IncomingHttpHeaders,
  ) {
    socket.on('message', (data, isBinary) => {
      const bytes = new Uint8Array(data as Buffer);
      if (!isBinary) return void this.texts.push(JSON.parse(Buffer.from(bytes).toString()) as Record<string, unknown>);
      const message = decodeBinary(bytes);
      if (message?.kind === 'tile') {
        this.tiles += 1;
        this.send({ t: 'ack', seq: message.seq });
      } else if (message?.kind === 'fileChunk') this.chunks.push(message.data.slice());
    });
  }
  send(message: RemoteToAgent) {
    this.socket.send(JSON.stringify(message));
  }
  of(t: string) {
    return this.texts.filter((m) => m.t === t);
  }
}

async function fakeServer() {
  const http = createServer((req, res) => {
    if (req.url === `/api/agent/sessions/${sessionId}/ice-servers`)
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ iceServers: [], expiresAt: null, iceTransportPolicy: 'all' }));
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  // each session socket with every text the agent sent on it, kept from the first: the agent may
  // answer the greeting (an offer to the viewer it names) before a test starts listening
  const sessionSockets: Array<{ socket: WebSocket; headers: IncomingHttpHeaders; received: string[] }> = [];
  const consoles = new Map<string, FakeConsole>();
  const relayPaths: string[] = [];
  let refuseSessionSockets = 0;
  http.on('upgrade', (request, socket, head) => {
    const url = request.url ?? '';
    if (url.endsWith('/socket') && refuseSessionSockets > 0) {
      refuseSessionSockets -= 1;
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (url === `/api/agent/sessions/${sessionId}/socket`) {
        const received: string[] = [];
        ws.on('message', (data) => received.push(data.toString()));
        sessionSockets.push({ socket: ws, headers: request.headers, received });
        ws.send(
          JSON.stringify({
            type: 'hello',
            session: { sessionId, status: 'active', requestId: null },
            viewers: [{ peerId: 'owner', name: 'Ada', control: true }],
          }),
        );
      } else {
        relayPaths.push(url);
        consoles.set(url.split('/').pop()!, new FakeConsole(ws, request.headers));
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    sessionSockets,
    consoles,
    relayPaths,
    toAgent: (frame: unknown) => sessionSockets.at(-1)?.socket.send(JSON.stringify(frame)),
    refuseNext: (count: number) => (refuseSessionSockets = count),
    close: () => {
      for (const c of wss.clients) c.terminate();
      return new Promise((resolve) => http.close(resolve));
    },
  };
}

async function until(check: () => boolean, ms = 8000, said: () => string = () => '') {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out${said() ? `: ${said()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A 320×200 screen whose colour changes when the test says so. */
function fakeScreen() {
  let shade = 0;
  let id = 0;
  const source: ScreenSource = {
    monitors: () => [{ id: 3, name: 'fake', x: 100, y: 50, width: 320, height: 200, primary: true }],
    capture: async (): Promise<RawFrame> => ({
      width: 320,
      height: 200,
      rgba: Buffer.alloc(320 * 200 * 4, shade),
      id: ++id,
    }),
  };
  return { source, paint: (value: number) => (shade = value) };
}

function recorder() {
  const calls: string[] = [];
  const driver: InputDriver = {
    move: (x, y) => calls.push(`move ${x},${y}`),
    toggle: (a, b) => calls.push(`${a} ${b}`),
    click: (b, d) => calls.push(`click ${b}${d ? ' double' : ''}`),
    scroll: (x, y) => calls.push(`scroll ${x},${y}`),
    keyTap: (k, m) => calls.push(`tap ${[...m, k].join('+')}`),
    keyToggle: (k, a, m) => calls.push(`key ${a} ${[...m, k].join('+')}`),
    type: (t) => calls.push(`type ${t}`),
  };
  return { driver, calls };
}

describe('DeviceSession over the relay', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(mode: 'view' | 'control' = 'control', webrtc = false, refusedFirst = 0) {
    const server = await fakeServer();
    server.refuseNext(refusedFirst);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-session-'));
    const screen = fakeScreen();
    const input = recorder();
    const clipboardWrites: string[] = [];
    const ended: Array<string | null> = [];
    const logs: string[] = [];
    let reboots = 0;
    const sessionLog = new SessionLog(path.join(dir, 'sessions.log'));
    const verifier = new GrantVerifier({ deviceId, grantKey });
    const open = grant({ mode });
    const session = new DeviceSession(
      { grant: open.text, payload: open.payload, verifier, onEnded: (r) => ended.push(r) },
      {
        server: server.url,
        credential: 'tdc_test',
        log: (line) => logs.push(line),
        sessionLog,
        filesDir: path.join(dir, 'transfers'),
        platform: 'linux',
        agentVersion: '1.0.0',
        screens: async () => screen.source,
        input: async () => input.driver,
        clipboard: {
          read: async () => 'from the device',
          write: async (text) => (clipboardWrites.push(text), true),
        },
        webrtc: webrtc ? () => import('node-datachannel') : null,
        reboot: async () => (reboots++, 0),
      },
    );
    cleanups.push(server.close, () => session.close());
    await until(() => server.sessionSockets.length === 1);
    const relay = async (peerId: string, relayId = randomUUID(), grantRelayId = relayId) => {
      server.toAgent({
        type: 'relay',
        relayId,
        peerId,
        grant: grant({ purpose: 'relay', relayId: grantRelayId }).text,
      });
      return relayId;
    };
    const readLog = async () => (await sessionLog.written(), readFile(path.join(dir, 'sessions.log'), 'utf8'));
    return {
      readLog,
      server,
      session,
      dir,
      screen,
      input,
      clipboardWrites,
      ended,
      open,
      relay,
      logs,
      reboots: () => reboots,
    };
  }

  it('opens the session socket with the credential and the grant, and serves the owner over the relay', async () => {
    const { server, open, relay, screen, input, dir, readLog } = await start();
    expect(server.sessionSockets[0]?.headers).toMatchObject({
      authorization: 'Device tdc_test',
      'x-tandem-grant': open.text,
    });
    const relayId = await relay('owner');
    await until(() => server.consoles.get(relayId)?.tiles === 1);
    const consoleSide = server.consoles.get(relayId)!;
    expect(server.relayPaths).toEqual([`/api/agent/sessions/${sessionId}/relay/${relayId}`]);
    expect(consoleSide.headers['x-tandem-grant']).not.toBe(open.text);
    expect(consoleSide.texts[0]).toMatchObject({
      t: 'hello',
      mode: 'control',
      control: true,
      monitorId: 3,
      os: 'linux',
      fileMaxBytes: 1_000_000,
    });
    expect(consoleSide.of('screen')).toEqual([{ t: 'screen', monitorId: 3, width: 320, height: 200 }]);

    // an unchanged screen sends nothing more; a change sends tiles again
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(consoleSide.tiles).toBe(1);
    screen.paint(200);
    await until(() => consoleSide.tiles === 2);

    // input lands on the shown monitor (its origin added)
    consoleSide.send({ t: 'mouse', action: 'click', x: 10, y: 20, button: 'left' });
    consoleSide.send({ t: 'key', action: 'tap', key: 'c', modifiers: ['control'] });
    consoleSide.send({ t: 'type', text: 'hello' });
    await until(() => input.calls.length === 4);
    expect(input.calls).toEqual(['move 110,70', 'click left', 'tap control+c', 'type hello']);

    // clipboard both ways
    consoleSide.send({ t: 'clipboard.get' });
    await until(() => consoleSide.of('clipboard').length === 1);
    expect(consoleSide.of('clipboard')[0]).toEqual({ t: 'clipboard', text: 'from the device' });

    // a file to the device, checked and saved; then the same file back from the device
    const bytes = Buffer.alloc(120_000, 9);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    consoleSide.send({ t: 'file.offer', id: 1, name: 'notes.bin', size: bytes.byteLength, sha256 });
    for (let offset = 0; offset < bytes.byteLength; offset += 48 * 1024)
      consoleSide.socket.send(encodeFileChunk({ id: 1, offset, data: bytes.subarray(offset, offset + 48 * 1024) }));
    consoleSide.send({ t: 'file.end', id: 1 });
    await until(() => consoleSide.of('file.saved').length === 1);
    const savedAs = path.join(dir, 'transfers', 'notes.bin');
    expect(consoleSide.of('file.saved')[0]).toEqual({ t: 'file.saved', id: 1, savedAs });
    expect(
      createHash('sha256')
        .update(await readFile(savedAs))
        .digest('hex'),
    ).toBe(sha256);
    consoleSide.send({ t: 'file.get', id: 2, path: 'notes.bin' });
    await until(() => consoleSide.of('file.end').length === 1);
    expect(consoleSide.of('file.offer')[0]).toEqual({
      t: 'file.offer',
      id: 2,
      name: 'notes.bin',
      size: 120_000,
      sha256,
    });
    expect(Buffer.concat(consoleSide.chunks).equals(bytes)).toBe(true);

    const log = (await readLog())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'transport', kind: 'relay', state: 'open', viewer: 'Ada' }),
        expect.objectContaining({ event: 'file', direction: 'to_device', name: 'notes.bin', size: 120_000 }),
        expect.objectContaining({ event: 'file', direction: 'from_device', name: 'notes.bin', size: 120_000 }),
      ]),
    );
  });

  it('applies no input from a viewer without control, and says refused once per kind', async () => {
    const { server, relay, input, clipboardWrites } = await start();
    server.toAgent({ type: 'viewer', viewer: { peerId: 'guest', name: 'Bob', control: false }, present: true });
    const relayId = await relay('guest');
    await until(() => (server.consoles.get(relayId)?.tiles ?? 0) >= 1);
    const guest = server.consoles.get(relayId)!;
    expect(guest.texts[0]).toMatchObject({ t: 'hello', control: false });
    guest.send({ t: 'key', action: 'tap', key: 'a', modifiers: [] });
    guest.send({ t: 'key', action: 'tap', key: 'b', modifiers: [] });
    guest.send({ t: 'clipboard', text: 'nope' });
    guest.send({ t: 'ping', at: 5 });
    await until(() => guest.of('pong').length === 1);
    expect(guest.of('refused')).toEqual([
      { t: 'refused', what: 'key', reason: 'view_only' },
      { t: 'refused', what: 'clipboard', reason: 'view_only' },
    ]);
    expect(input.calls).toEqual([]);
    expect(clipboardWrites).toEqual([]);
  });

  it("a view session applies nobody's input, not even the owner's", async () => {
    const { server, relay, input } = await start('view');
    const relayId = await relay('owner');
    await until(() => (server.consoles.get(relayId)?.tiles ?? 0) >= 1);
    const owner = server.consoles.get(relayId)!;
    expect(owner.texts[0]).toMatchObject({ t: 'hello', mode: 'view', control: false });
    owner.send({ t: 'mouse', action: 'click', x: 1, y: 1 });
    await until(() => owner.of('refused').length === 1);
    expect(input.calls).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'opens a terminal for the owner of a control session, refuses it in a view session, and ends the shell with the session',
    async () => {
      const view = await start('view');
      const viewRelay = await view.relay('owner');
      await until(() => (view.server.consoles.get(viewRelay)?.tiles ?? 0) >= 1);
      const watcher = view.server.consoles.get(viewRelay)!;
      watcher.send({ t: 'term.open', cols: 80, rows: 24 });
      await until(() => watcher.of('refused').length === 1);
      expect(watcher.of('refused')).toEqual([{ t: 'refused', what: 'term.open', reason: 'view_only' }]);
      expect(watcher.of('term.opened')).toEqual([]);

      const { server, relay, session, dir } = await start('control');
      const relayId = await relay('owner');
      await until(() => (server.consoles.get(relayId)?.tiles ?? 0) >= 1);
      const owner = server.consoles.get(relayId)!;
      const output = () =>
        owner
          .of('term.output')
          .map((m) => (m as { data: string }).data)
          .join('');
      owner.send({ t: 'term.open', cols: 80, rows: 24 });
      owner.send({ t: 'term.input', data: 'echo hello-$((6*7)); sleep 300 & echo bg:$!:\r' });
      await until(() => /bg:\d+:/.test(output()));
      expect(owner.of('term.opened')[0]).toMatchObject({ t: 'term.opened', mode: 'pty' });
      expect(output()).toContain('hello-42');
      const pid = Number(/bg:(\d+):/.exec(output())![1]);
      session.close();
      await until(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      });
      // the log's line is written once the shell's whole tree is gone, which may be just after
      const closed = '"event":"terminal","state":"closed","why":"the session ended"';
      await expect.poll(() => readFile(path.join(dir, 'sessions.log'), 'utf8'), { timeout: 8000 }).toContain(closed);
    },
  );

  it('opens no relay for a grant naming another relay', async () => {
    const { server, relay } = await start();
    await relay('owner', randomUUID(), randomUUID());
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.relayPaths).toEqual([]);
  });

  it('restarts on request: rebooting to the consoles, the command run, the session handed back as rebooting', async () => {
    const { server, relay, ended, reboots, readLog } = await start();
    const relayId = await relay('owner');
    await until(() => (server.consoles.get(relayId)?.tiles ?? 0) >= 1);
    server.consoles.get(relayId)!.send({ t: 'reboot' });
    await until(() => reboots() === 1);
    expect(server.consoles.get(relayId)!.of('rebooting')).toHaveLength(1);
    expect(ended).toEqual(['rebooting']);
    const log = await readLog();
    expect(log).toContain('"event":"reboot"');
  });

  it('offers a WebRTC connection per viewer and serves it over the DataChannel once open', async () => {
    const ndc = await import('node-datachannel');
    const { server, logs } = await start('control', true);
    const answerer = new ndc.PeerConnection('console', { iceServers: [] });
    const states: string[] = [];
    answerer.onStateChange((state) => states.push(`connection ${state}`));
    answerer.onGatheringStateChange((state) => states.push(`gathering ${state}`));
    cleanups.push(() => answerer.close());
    const texts: Array<Record<string, unknown>> = [];
    let tiles = 0;
    let channel: import('node-datachannel').DataChannel | null = null;
    // the answer reaches the agent late, as it does through a server while checks go direct
    let answerSentAt = 0;
    const candidatesFromAgentAt: number[] = [];
    answerer.onLocalDescription((sdp, type) =>
      setTimeout(() => {
        answerSentAt = Date.now();
        server.toAgent({
          type: 'signal',
          peerId: 'owner',
          signal: { kind: 'description', description: { type, sdp } },
        });
      }, 400),
    );
    answerer.onLocalCandidate((candidate, mid) =>
      server.toAgent({
        type: 'signal',
        peerId: 'owner',
        signal: { kind: 'candidate', candidate: { candidate, sdpMid: mid } },
      }),
    );
    answerer.onDataChannel((dc) => {
      channel = dc;
      dc.onMessage((message) => {
        if (typeof message === 'string') return void texts.push(JSON.parse(message) as Record<string, unknown>);
        const decoded = decodeBinary(new Uint8Array(message as ArrayBuffer));
        if (decoded?.kind === 'tile') {
          tiles += 1;
          dc.sendMessage(JSON.stringify({ t: 'ack', seq: decoded.seq }));
        }
      });
    });
    const offers: string[] = [];
    const fromAgent = (data: string) => {
      const frame = JSON.parse(data) as {
        type: string;
        signal?: {
          kind: string;
          description?: { type: 'offer'; sdp: string };
          candidate?: { candidate: string; sdpMid: string } | null;
        };
      };
      if (frame.type !== 'signal' || !frame.signal) return;
      if (frame.signal.kind === 'description' && frame.signal.description) {
        offers.push(frame.signal.description.sdp);
        answerer.setRemoteDescription(frame.signal.description.sdp, frame.signal.description.type);
      } else if (frame.signal.candidate) {
        candidatesFromAgentAt.push(Date.now());
        answerer.addRemoteCandidate(frame.signal.candidate.candidate, frame.signal.candidate.sdpMid);
      }
    };
    // what the agent sent before this point (its offer may already be there), then what follows
    const agentSocket = server.sessionSockets[0]!;
    for (const data of agentSocket.received) fromAgent(data);
    agentSocket.socket.on('message', (data) => fromAgent(data.toString()));
    // what each side did, should the channel not carry a tile before the test's own time is up
    const said = () =>
      `console side: ${states.join(', ') || 'nothing'}; agent: ${logs.join(' | ') || 'nothing logged'}`;
    await until(() => tiles >= 1, 25_000, said);
    expect(channel!.getLabel()).toBe('remote');
    expect(texts[0]).toMatchObject({ t: 'hello', mode: 'control', control: true });
    expect(server.relayPaths).toEqual([]);
    // the agent's addresses reached the console only once its answer had been sent back: a console
    // checking them sooner can connect the agent's ICE before its DTLS role is known
    expect(offers).toHaveLength(1);
    expect(offers[0]).not.toMatch(/a=candidate/);
    expect(candidatesFromAgentAt.length).toBeGreaterThan(0);
    expect(Math.min(...candidatesFromAgentAt)).toBeGreaterThanOrEqual(answerSentAt);
  });

  it('tries the session socket again when the server does not know the session yet, just after consent', async () => {
    const { server, ended } = await start('control', false, 2);
    expect(server.sessionSockets).toHaveLength(1);
    expect(ended).toEqual([]);
  });

  it('ends when the server says the session ended', async () => {
    const { server, ended } = await start();
    server.toAgent({ type: 'session', session: { status: 'ended' } });
    await until(() => ended.length === 1);
    expect(ended).toEqual([null]);
  });
});

describe('messages that could outgrow the protocol limit', () => {
  it('cuts clipboard text and folder listings to fit in 64 KiB', () => {
    const text = 'é'.repeat(100_000);
    const fitted = fitClipboard(text);
    expect(Buffer.byteLength(JSON.stringify({ t: 'clipboard', text: fitted }))).toBeLessThanOrEqual(64 * 1024);
    expect(text.startsWith(fitted) && fitted.length > 20_000).toBe(true);
    expect(fitClipboard('short')).toBe('short');
    const entries = Array.from({ length: 1000 }, (_, i) => ({ name: `${'x'.repeat(200)}${i}`, dir: false, size: i }));
    const listing = fitListing({ t: 'file.list', path: '/tmp', entries });
    expect(Buffer.byteLength(JSON.stringify(listing))).toBeLessThanOrEqual(64 * 1024);
    expect(listing.entries.length).toBeGreaterThan(200);
    expect(listing.entries[0]).toEqual(entries[0]);
  });
});

import os from 'node:os';
import WebSocket from 'ws';
import { z } from 'zod';
import { agentFrameBytes, agentRelayFrame } from '../../shared/agent-frames.js';
import { backoffDelay } from '../../shared/backoff.js';
import { iceServersSchema, type IceServers } from '../../shared/contracts/sessions.js';
import type { GrantPayload } from '../../shared/remote/grant.js';
import {
  decodeBinary,
  encodeFileChunk,
  parseRemoteText,
  remoteMessageMaxBytes,
  remoteToAgent,
  type Monitor,
  type RemoteToAgent,
} from '../../shared/remote/protocol.js';
import { rtcSignalSchema, type SessionCustomerClientFrame } from '../../shared/session-signals.js';
import type { ScreenSource } from './capture.js';
import type { Clipboard } from './clipboard.js';
import { socketUrl } from './control-socket.js';
import { FileReceiver, listFolder, prepareOutgoing, readChunks } from './file-transfer.js';
import { applyInput, type InputDriver } from './input.js';
import { ViewerPeer } from './peer.js';
import type { RunningSession, SessionStart } from './remote-agent.js';
import { ScreenStreamer } from './screen-streamer.js';
import type { SessionLog } from './session-log.js';
import { loadPty, type PtyModule } from './terminal/pty.js';
import { SessionTerminals } from './terminal/session-terminals.js';
import { drained, openRelay, type Incoming, type Transport } from './transport.js';
import { Viewer } from './viewer.js';

/** What a session needs from the device; the agent passes the real ones, tests pass fakes. */
export interface SessionDeps {
  server: string;
  credential: string;
  log: (line: string) => void;
  sessionLog: SessionLog;
  /** where files from technicians are saved, and relative paths start */
  filesDir: string;
  platform: NodeJS.Platform;
  agentVersion: string;
  screens: () => Promise<ScreenSource>;
  input: () => Promise<InputDriver>;
  clipboard: Clipboard;
  /** node-datachannel, or null for a relay-only agent */
  webrtc: (() => Promise<typeof import('node-datachannel')>) | null;
  /** restarts the device; resolves with the command's exit code */
  reboot: () => Promise<number | null>;
  /** node-pty for terminals (the real one by default; a rejecting one gives the line runner) */
  loadPty?: () => Promise<PtyModule>;
  /** the folder terminals start in (the home folder by default) */
  terminalDir?: string;
}

const osName = (platform: NodeJS.Platform) =>
  platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : platform;

/**
 * The session socket's frames as the agent reads them: those of `sessionCustomerServerFrame`, but
 * only the fields the agent uses (the session's status, the viewers with `control`), so a field the
 * customer's page needs and a device session lacks never hides a viewer from the agent.
 */
const viewerShape = z.object({
  peerId: z.string().min(1).max(64),
  name: z.string().max(200).catch(''),
  control: z.boolean().optional(),
});
const sessionShape = z.object({ status: z.string() });
const sessionSocketFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), session: sessionShape, viewers: z.array(viewerShape).max(200) }),
  z.object({ type: z.literal('session'), session: sessionShape }),
  z.object({ type: z.literal('viewer'), viewer: viewerShape, present: z.boolean() }),
  z.object({ type: z.literal('signal'), peerId: z.string().min(1).max(64), signal: rtcSignalSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

/** The home folder, or the transfer folder when there is none. */
function homeDir(fallback: string): string {
  try {
    return os.homedir() || fallback;
  } catch {
    return fallback;
  }
}

const bytesOf = (message: unknown) => Buffer.byteLength(JSON.stringify(message));

/** Clipboard text cut so that its message fits the protocol's limit (the relay closes on a larger one). */
export function fitClipboard(text: string): string {
  let fitted = text;
  while (bytesOf({ t: 'clipboard', text: fitted }) > remoteMessageMaxBytes)
    fitted = fitted.slice(0, Math.floor(fitted.length * 0.9));
  return fitted;
}

/** A folder listing cut to the entries that fit in one message. */
export function fitListing<T extends { entries: unknown[] }>(listing: T): T {
  const fitted = { ...listing, entries: [...listing.entries] };
  while (fitted.entries.length > 0 && bytesOf(fitted) > remoteMessageMaxBytes)
    fitted.entries.length = Math.floor(fitted.entries.length * 0.9);
  return fitted;
}

/** a session socket refused as unknown this soon after consent is tried again */
const earlyRetryMs = 10_000;

/** the session socket may be gone this long (a server restart) before the session ends here */
const socketGraceMs = 2 * 60_000;

/**
 * A device session the agent runs once consent is given: its session socket (signalling, viewers,
 * relay requests), one WebRTC offer and possibly one relay per watching console, the shared screen
 * loop, and the control messages of the owner's console (input, clipboard, files, restart).
 */
export class DeviceSession implements RunningSession {
  readonly id: string;
  #grant: string;
  #payload: GrantPayload;
  readonly #deps: SessionDeps;
  readonly #onEnded: SessionStart['onEnded'];
  readonly #verifier: SessionStart['verifier'];
  readonly #viewers = new Map<string, Viewer>();
  readonly #stop = new AbortController();
  #socket: WebSocket | null = null;
  #source: Promise<ScreenSource> | null = null;
  #streamer: ScreenStreamer | null = null;
  #monitors: Monitor[] = [];
  #input: Promise<InputDriver | null> | null = null;
  #ice: { value: IceServers; until: number } | null = null;
  readonly #files: FileReceiver;
  readonly #outgoing = new Map<number, AbortController>();
  readonly #terminals: SessionTerminals;
  #ended = false;
  #socketLostAt: number | null = null;
  #socketFailures = 0;
  /** when the session (or its resumption) started here */
  #openedAt = Date.now();

  constructor(start: SessionStart, deps: SessionDeps) {
    this.id = start.payload.sessionId;
    this.#grant = start.grant;
    this.#payload = start.payload;
    this.#deps = deps;
    this.#onEnded = start.onEnded;
    this.#verifier = start.verifier;
    this.#files = new FileReceiver(deps.filesDir, start.payload.fileMaxBytes);
    this.#terminals = new SessionTerminals({
      sessionId: this.id,
      platform: deps.platform,
      env: process.env,
      cwd: deps.terminalDir ?? homeDir(deps.filesDir),
      loadPty: deps.loadPty ?? loadPty,
      sessionLog: deps.sessionLog,
      log: deps.log,
    });
    this.#connect();
  }

  resume(grant: string, payload: GrantPayload): void {
    this.#grant = grant;
    this.#payload = payload;
    this.#socketFailures = 0;
    this.#openedAt = Date.now();
    if (!this.#socket) this.#connect();
  }

  close(): void {
    this.#end(null);
  }

  // --- the session socket ----------------------------------------------------------------------------

  #headers(grant = this.#grant): Record<string, string> {
    return { authorization: `Device ${this.#deps.credential}`, 'x-tandem-grant': grant };
  }

  #connect(): void {
    if (this.#ended) return;
    const { log } = this.#deps;
    const socket = new WebSocket(socketUrl(this.#deps.server, `/api/agent/sessions/${this.id}/socket`), {
      headers: this.#headers(),
      maxPayload: agentFrameBytes,
      handshakeTimeout: 15_000,
    });
    this.#socket = socket;
    let refusedWith: number | null = null;
    const ping = setInterval(() => this.#signal({ type: 'ping' }), 25_000);
    socket.on('open', () => {
      this.#socketLostAt = null;
      this.#socketFailures = 0;
      log(`session ${this.id}: session socket connected`);
    });
    socket.on('unexpected-response', (_request, response) => {
      refusedWith = response.statusCode ?? 0;
      socket.terminate();
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.#frame(data.toString());
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(ping);
      if (this.#socket === socket) this.#socket = null;
      if (this.#ended) return;
      // the server may not have recorded the consent yet when the socket arrives: a 404 early is worth a retry
      const early = Date.now() - this.#openedAt < earlyRetryMs && refusedWith === 404;
      if (refusedWith !== null && refusedWith >= 400 && refusedWith < 500 && refusedWith !== 429 && !early) {
        log(`session ${this.id}: the server refused the session socket (${refusedWith}); session over here`);
        this.#end(null);
        return;
      }
      this.#socketLostAt ??= Date.now();
      if (Date.now() - this.#socketLostAt > socketGraceMs) {
        log(`session ${this.id}: the session socket stayed away; session over here`);
        this.#end('ended_at_device');
        return;
      }
      const delay = backoffDelay(this.#socketFailures++, { baseMs: 500, capMs: 15_000, jitter: 'full' });
      setTimeout(() => this.#connect(), delay).unref();
    });
  }

  #signal(frame: SessionCustomerClientFrame): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #frame(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const relay = agentRelayFrame.safeParse(raw);
    if (relay.success) return void this.#openRelay(relay.data.relayId, relay.data.peerId, relay.data.grant);
    const parsed = sessionSocketFrame.safeParse(raw);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'hello') {
      const present = new Set(frame.viewers.map((v) => v.peerId));
      for (const [peerId, viewer] of this.#viewers)
        if (!present.has(peerId)) this.#dropViewer(viewer, 'gone while the socket was away');
      for (const v of frame.viewers) this.#viewerPresent(v.peerId, v.name, v.control === true);
      if (frame.session.status === 'ended') this.#end(null);
    } else if (frame.type === 'session') {
      if (frame.session.status === 'ended') this.#end(null);
    } else if (frame.type === 'viewer') {
      if (frame.present) this.#viewerPresent(frame.viewer.peerId, frame.viewer.name, frame.viewer.control === true);
      else {
        const viewer = this.#viewers.get(frame.viewer.peerId);
        if (viewer) this.#dropViewer(viewer, 'stopped watching');
      }
    } else if (frame.type === 'signal') {
      this.#viewers.get(frame.peerId)?.peer?.signal(frame.signal);
    } else if (frame.type === 'error') {
      this.#deps.log(`session ${this.id}: the server said ${frame.code}: ${frame.message}`);
    }
  }

  // --- viewers and transports ------------------------------------------------------------------------

  async #screen(): Promise<ScreenSource> {
    this.#source ??= this.#deps.screens().then((source) => {
      this.#monitors = source.monitors();
      this.#streamer = new ScreenStreamer(source, this.#deps.log);
      void this.#streamer.run(this.#stop.signal);
      return source;
    });
    return this.#source;
  }

  #primary(): number {
    return (this.#monitors.find((m) => m.primary) ?? this.#monitors[0])?.id ?? 0;
  }

  #viewer(peerId: string, name = '', control = false): Viewer {
    let viewer = this.#viewers.get(peerId);
    if (!viewer) {
      viewer = new Viewer(peerId, name, control, this.#primary());
      this.#viewers.set(peerId, viewer);
    }
    return viewer;
  }

  #viewerPresent(peerId: string, name: string, control: boolean): void {
    const known = this.#viewers.get(peerId);
    const viewer = this.#viewer(peerId, name, control);
    viewer.name = name;
    if (known && known.control !== control) {
      viewer.control = control;
      if (!control) void this.#terminals.close(viewer, 'control taken away');
      const transport = viewer.transport();
      if (transport) void this.#greet(viewer, transport);
    }
    if (!viewer.peer && this.#deps.webrtc) void this.#offer(viewer);
  }

  #dropViewer(viewer: Viewer, why: string): void {
    void this.#terminals.close(viewer, 'the console left');
    this.#streamer?.remove(viewer);
    viewer.close();
    this.#viewers.delete(viewer.peerId);
    this.#deps.log(`session ${this.id}: viewer ${viewer.name || viewer.peerId} ${why}`);
  }

  async #iceServers(): Promise<IceServers> {
    if (this.#ice && this.#ice.until > Date.now()) return this.#ice.value;
    const fallback: IceServers = { iceServers: [], expiresAt: null, iceTransportPolicy: 'all' };
    try {
      const response = await fetch(new URL(`/api/agent/sessions/${this.id}/ice-servers`, this.#deps.server), {
        headers: this.#headers(),
        signal: AbortSignal.timeout(10_000),
      });
      const parsed = iceServersSchema.safeParse(response.ok ? await response.json() : null);
      if (!parsed.success) return fallback;
      const expires = parsed.data.expiresAt ? Date.parse(parsed.data.expiresAt) : Date.now() + 3600_000;
      // asked again once half their life has gone
      this.#ice = { value: parsed.data, until: Date.now() + Math.max(0, (expires - Date.now()) / 2) };
      return parsed.data;
    } catch {
      return fallback;
    }
  }

  async #offer(viewer: Viewer): Promise<void> {
    if (!this.#deps.webrtc) return;
    let ndc: typeof import('node-datachannel');
    try {
      [ndc] = await Promise.all([this.#deps.webrtc(), this.#screen()]);
    } catch (error) {
      this.#deps.log(`session ${this.id}: WebRTC unavailable (${(error as Error).message}); the relay carries it`);
      return;
    }
    const ice = await this.#iceServers();
    if (this.#ended || this.#viewers.get(viewer.peerId) !== viewer || viewer.peer) return;
    try {
      viewer.peer = new ViewerPeer(ndc, viewer.peerId, ice, {
        signal: (signal) => this.#signal({ type: 'signal', peerId: viewer.peerId, signal }),
        onOpen: (transport) => {
          viewer.channel = transport;
          void this.#greet(viewer, transport);
        },
        onMessage: (message) => this.#message(viewer, message),
        onState: (what) => this.#deps.log(`session ${this.id}: WebRTC to ${viewer.name || viewer.peerId}: ${what}`),
        onClose: () => {
          viewer.channel = null;
          viewer.peer = null;
          void this.#deps.sessionLog.write(this.id, 'transport', {
            viewer: viewer.name,
            kind: 'webrtc',
            state: 'closed',
          });
          const relay = viewer.transport();
          if (relay) void this.#greet(viewer, relay);
        },
      });
    } catch (error) {
      this.#deps.log(`session ${this.id}: no peer connection (${(error as Error).message}); the relay carries it`);
    }
  }

  #openRelay(relayId: string, peerId: string, grant: string): void {
    const check = this.#verifier.verify(grant, { purpose: 'relay', sessionId: this.id });
    if (!check.ok || check.payload.relayId !== relayId) {
      this.#deps.log(`session ${this.id}: relay grant refused (${check.ok ? 'other relay' : check.reason})`);
      return;
    }
    const viewer = this.#viewer(peerId);
    viewer.relay?.close();
    const relay = openRelay({
      url: socketUrl(this.#deps.server, `/api/agent/sessions/${this.id}/relay/${encodeURIComponent(relayId)}`),
      headers: this.#headers(grant),
      onOpen: (transport) => {
        if (viewer.relay !== transport) return;
        if (!viewer.channel?.isOpen()) void this.#greet(viewer, transport);
      },
      onMessage: (message) => this.#message(viewer, message),
      onClose: (reason) => {
        if (viewer.relay !== relay) return;
        viewer.relay = null;
        void this.#deps.sessionLog.write(this.id, 'transport', { viewer: viewer.name, kind: 'relay', state: 'closed' });
        if (reason !== 'closed') this.#deps.log(`session ${this.id}: relay ended (${reason})`);
      },
    });
    viewer.relay = relay;
  }

  /** A transport opened for a viewer: `hello` on it, then the whole screen. */
  async #greet(viewer: Viewer, transport: Transport): Promise<void> {
    await this.#screen();
    if (this.#ended || !transport.isOpen()) return;
    if (!this.#monitors.some((m) => m.id === viewer.monitorId)) viewer.monitorId = this.#primary();
    viewer.restart();
    this.#terminals.forgetInFlight(viewer);
    viewer.greeted = transport;
    transport.sendText({
      t: 'hello',
      mode: this.#payload.mode,
      control: this.#controls(viewer),
      monitors: this.#monitors,
      monitorId: viewer.monitorId,
      os: osName(this.#deps.platform).slice(0, 64),
      agentVersion: this.#deps.agentVersion,
      fileMaxBytes: this.#payload.fileMaxBytes,
    });
    void this.#deps.sessionLog.write(this.id, 'transport', {
      viewer: viewer.name,
      kind: transport.kind,
      state: 'open',
      control: this.#controls(viewer),
    });
    this.#deps.log(`session ${this.id}: ${viewer.name || viewer.peerId} over ${transport.kind}`);
    this.#streamer?.add(viewer);
  }

  #controls(viewer: Viewer): boolean {
    return this.#payload.mode === 'control' && viewer.control;
  }

  // --- messages from a console -----------------------------------------------------------------------

  #message(viewer: Viewer, message: Incoming): void {
    if (this.#ended) return;
    if ('bytes' in message) {
      const binary = decodeBinary(message.bytes);
      if (binary?.kind !== 'fileChunk' || !this.#controls(viewer)) return;
      viewer.fileChain = viewer.fileChain.then(async () => {
        const error = await this.#files.chunk(binary);
        if (error) viewer.send(error);
      });
      return;
    }
    const parsed = parseRemoteText(remoteToAgent, message.text);
    if (parsed) this.#command(viewer, parsed);
  }

  #command(viewer: Viewer, message: RemoteToAgent): void {
    switch (message.t) {
      case 'ack':
        this.#streamer?.acked(viewer, message.seq);
        return;
      case 'ping':
        viewer.send({ t: 'pong', at: message.at });
        return;
      case 'monitor':
        if (this.#monitors.some((m) => m.id === message.id) && viewer.monitorId !== message.id) {
          viewer.monitorId = message.id;
          viewer.restart();
          this.#streamer?.kick();
        }
        return;
    }
    if (!this.#controls(viewer)) {
      viewer.refuseOnce(message.t, 'view_only');
      return;
    }
    switch (message.t) {
      case 'mouse':
      case 'wheel':
      case 'key':
      case 'type':
      case 'combo':
        void this.#applyInput(viewer, message);
        return;
      case 'clipboard':
        void this.#deps.clipboard.write(message.text).then((ok) => {
          if (!ok) viewer.refuseOnce('clipboard', 'not_supported');
        });
        return;
      case 'clipboard.get':
        void this.#deps.clipboard.read().then((text) => {
          if (text === null) viewer.refuseOnce('clipboard.get', 'not_supported');
          else viewer.send({ t: 'clipboard', text: fitClipboard(text) });
        });
        return;
      case 'reboot':
        void this.#reboot();
        return;
      case 'file.cancel':
        this.#outgoing.get(message.id)?.abort();
        viewer.fileChain = viewer.fileChain.then(() => this.#files.cancel(message.id));
        return;
      case 'file.get':
        void this.#sendFile(viewer, message.id, message.path);
        return;
      case 'file.list':
        void listFolder(this.#deps.filesDir, message.path).then((listing) => {
          if (listing) viewer.send(fitListing({ t: 'file.list' as const, ...listing }));
          else viewer.refuseOnce('file.list', 'failed');
        });
        return;
      case 'file.offer':
      case 'file.end':
        viewer.fileChain = viewer.fileChain.then(() => this.#receiveFile(viewer, message));
        return;
      case 'term.open':
      case 'term.input':
      case 'term.resize':
      case 'term.ack':
      case 'term.close':
        this.#terminals.handle(viewer, message);
        return;
    }
  }

  async #applyInput(
    viewer: Viewer,
    message: Extract<RemoteToAgent, { t: 'mouse' | 'wheel' | 'key' | 'type' | 'combo' }>,
  ) {
    this.#input ??= this.#deps.input().catch((error: Error) => {
      this.#deps.log(`session ${this.id}: no input on this device (${error.message})`);
      return null;
    });
    const driver = await this.#input;
    const monitor = this.#monitors.find((m) => m.id === viewer.monitorId) ?? this.#monitors[0];
    if (!driver || !monitor) return viewer.refuseOnce(message.t, 'not_supported');
    try {
      applyInput(driver, message, monitor, this.#deps.platform);
    } catch {
      viewer.refuseOnce(message.t, 'failed');
    }
    this.#streamer?.kick();
  }

  async #receiveFile(viewer: Viewer, message: Extract<RemoteToAgent, { t: 'file.offer' | 'file.end' }>) {
    if (message.t === 'file.offer') {
      const error = await this.#files.offer(message);
      if (error) {
        viewer.send(error);
        void this.#deps.sessionLog.write(this.id, 'file', {
          direction: 'to_device',
          name: message.name,
          size: message.size,
          result: error.t === 'file.error' ? error.reason : 'failed',
        });
      }
      return;
    }
    const described = this.#files.describe(message.id);
    const answer = await this.#files.end(message.id);
    if (!answer || !described) return;
    viewer.send(answer);
    void this.#deps.sessionLog.write(this.id, 'file', {
      direction: 'to_device',
      name: described.name,
      size: described.size,
      result: answer.t === 'file.saved' ? 'saved' : answer.reason,
      ...(answer.t === 'file.saved' ? { savedAs: answer.savedAs } : {}),
    });
  }

  async #sendFile(viewer: Viewer, id: number, path: string): Promise<void> {
    const ready = await prepareOutgoing(this.#deps.filesDir, path, this.#payload.fileMaxBytes);
    if (!ready.ok) {
      viewer.send({ t: 'file.error', id, reason: ready.reason });
      return;
    }
    const abort = new AbortController();
    this.#outgoing.set(id, abort);
    try {
      viewer.send({ t: 'file.offer', id, name: ready.name, size: ready.size, sha256: ready.sha256 });
      for await (const chunk of readChunks(ready.path)) {
        const transport = viewer.transport();
        if (abort.signal.aborted || this.#ended || !transport || !(await drained(transport))) {
          if (!abort.signal.aborted) viewer.send({ t: 'file.error', id, reason: 'failed' });
          return;
        }
        transport.sendBinary(encodeFileChunk({ id, offset: chunk.offset, data: chunk.data }));
      }
      viewer.send({ t: 'file.end', id });
      void this.#deps.sessionLog.write(this.id, 'file', {
        direction: 'from_device',
        name: ready.name,
        size: ready.size,
        path: ready.path,
      });
    } catch {
      viewer.send({ t: 'file.error', id, reason: 'failed' });
    } finally {
      this.#outgoing.delete(id);
    }
  }

  async #reboot(): Promise<void> {
    const { log, sessionLog } = this.#deps;
    for (const viewer of this.#viewers.values()) viewer.send({ t: 'rebooting' });
    log(`session ${this.id}: restarting the device`);
    await sessionLog.write(this.id, 'reboot', {});
    // let the notices leave before the sockets close
    await new Promise((resolve) => setTimeout(resolve, 300));
    this.#end('rebooting');
    const code = await this.#deps.reboot();
    log(`restart command ${code === 0 ? 'ran' : `failed (${code === null ? 'could not start' : `exit ${code}`})`}`);
  }

  #end(reason: Parameters<SessionStart['onEnded']>[0]): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#stop.abort();
    for (const viewer of this.#viewers.values()) viewer.close();
    this.#viewers.clear();
    for (const abort of this.#outgoing.values()) abort.abort();
    void this.#files.cancelAll();
    void this.#terminals.closeAll('the session ended');
    this.#socket?.close(1000, 'session over');
    this.#onEnded(reason);
  }
}

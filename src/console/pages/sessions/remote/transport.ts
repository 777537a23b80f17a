import {
  decodeBinary,
  parseRemoteText,
  remoteToConsole,
  type BinaryMessage,
  type RemoteToAgent,
  type RemoteToConsole,
} from '../../../../shared/remote/protocol.js';

/** `direct`: the WebRTC DataChannel; `relayed`: the server's relay WebSocket. */
export type TransportKind = 'direct' | 'relayed';

/** What RTCDataChannel and WebSocket share, as used here. */
export interface Pipe {
  binaryType: string;
  readonly bufferedAmount: number;
  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface TransportOptions {
  /** the relay's address: `/api/v1/sessions/{id}/relay?peer=<live connection id>` as ws(s):// */
  relayUrl: string;
  onText: (message: RemoteToConsole) => void;
  onBinary: (message: BinaryMessage) => void;
  /** the transport now in use (null: none open, trying again) */
  onKind?: (kind: TransportKind | null) => void;
  createSocket?: (url: string) => Pipe;
  /** waits between relay attempts while no transport is open; the last repeats */
  retryMs?: readonly number[];
  now?: () => number;
}

const defaultRetryMs = [500, 1000, 2000, 4000, 8000];
/** how far back frames per second and bit rate are measured */
const meterWindowMs = 2000;

/** Frames and bytes received over the last two seconds. */
export class RateMeter {
  private samples: { at: number; bytes: number; frame: boolean }[] = [];

  constructor(private readonly now: () => number = () => Date.now()) {}

  add(bytes: number, frame: boolean): void {
    this.samples.push({ at: this.now(), bytes, frame });
    this.trim();
  }

  read(): { fps: number; kbps: number } {
    this.trim();
    const frames = this.samples.filter((s) => s.frame).length;
    const bytes = this.samples.reduce((sum, s) => sum + s.bytes, 0);
    const seconds = meterWindowMs / 1000;
    return { fps: Math.round((frames / seconds) * 10) / 10, kbps: Math.round((bytes * 8) / 1000 / seconds) };
  }

  private trim() {
    const since = this.now() - meterWindowMs;
    while (this.samples[0] && this.samples[0].at < since) this.samples.shift();
  }
}

/**
 * The console's end of a device session's message channel. The relay WebSocket opens at once (a
 * session always works); the agent's WebRTC DataChannel `remote`, once it opens, takes over and the
 * relay is closed; when the DataChannel closes the relay opens again. While neither is open the relay
 * is tried again with growing waits (the agent restarting, the server between processes).
 * Messages are read from either; they are sent on the DataChannel when open, else on the relay.
 */
export class RemoteTransport {
  private relay: Pipe | null = null;
  private relayOpen = false;
  private channel: Pipe | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private kind: TransportKind | null = null;
  readonly meter: RateMeter;

  constructor(private readonly opts: TransportOptions) {
    this.meter = new RateMeter(opts.now);
    this.openRelay();
  }

  get current(): TransportKind | null {
    return this.kind;
  }

  /** The agent's `remote` DataChannel (from the peer connection). */
  attachChannel(channel: Pipe & { readyState?: string }): void {
    if (this.closed) return channel.close();
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (event) => this.receive(event.data);
    channel.onopen = () => this.channelOpened(channel);
    channel.onclose = () => {
      if (this.channel !== channel) return;
      this.channel = null;
      if (this.closed) return;
      this.attempt = 0;
      this.openRelay();
      this.setKind(null);
    };
    if (channel.readyState === 'open') this.channelOpened(channel);
  }

  /** A message to the agent; false when no transport is open. */
  send(message: RemoteToAgent): boolean {
    const pipe = this.openPipe();
    if (!pipe) return false;
    pipe.send(JSON.stringify(message));
    return true;
  }

  sendBinary(bytes: Uint8Array<ArrayBuffer>): boolean {
    const pipe = this.openPipe();
    if (!pipe) return false;
    pipe.send(bytes);
    return true;
  }

  /** Bytes queued on the open transport, not yet handed to the network. */
  bufferedAmount(): number {
    return this.openPipe()?.bufferedAmount ?? 0;
  }

  /** Resolves once at most `limit` bytes wait on the open transport (false: it closed meanwhile). */
  async drained(limit: number, pollMs = 20): Promise<boolean> {
    for (;;) {
      const pipe = this.openPipe();
      if (!pipe || this.closed) return false;
      if (pipe.bufferedAmount <= limit) return true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.closeRelay();
    const channel = this.channel;
    this.channel = null;
    channel?.close();
    this.setKind(null);
  }

  private openPipe(): Pipe | null {
    if (this.channel) return this.channel;
    return this.relayOpen ? this.relay : null;
  }

  private channelOpened(channel: Pipe) {
    if (this.closed || this.channel === channel) return;
    this.channel = channel;
    this.closeRelay();
    this.setKind('direct');
  }

  private openRelay() {
    if (this.closed || this.relay || this.channel) return;
    const socket = this.opts.createSocket ? this.opts.createSocket(this.opts.relayUrl) : newSocket(this.opts.relayUrl);
    this.relay = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      if (this.relay !== socket) return;
      this.relayOpen = true;
      this.attempt = 0;
      if (!this.channel) this.setKind('relayed');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.relay !== socket) return;
      this.relay = null;
      this.relayOpen = false;
      if (this.closed || this.channel) return;
      this.setKind(null);
      const waits = this.opts.retryMs ?? defaultRetryMs;
      const wait = waits[Math.min(this.attempt++, waits.length - 1)] ?? 1000;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.openRelay();
      }, wait);
    };
  }

  private closeRelay() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.relay;
    this.relay = null;
    this.relayOpen = false;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, 'direct');
    }
  }

  private receive(data: unknown) {
    if (this.closed) return;
    if (typeof data === 'string') {
      this.meter.add(data.length, false);
      const message = parseRemoteText(remoteToConsole, data);
      if (message) this.opts.onText(message);
      return;
    }
    if (data instanceof ArrayBuffer) {
      const message = decodeBinary(new Uint8Array(data));
      this.meter.add(data.byteLength, message?.kind === 'tile');
      if (message) this.opts.onBinary(message);
    }
  }

  private setKind(kind: TransportKind | null) {
    if (kind === this.kind) return;
    this.kind = kind;
    this.opts.onKind?.(kind);
  }
}

function newSocket(url: string): Pipe {
  return new WebSocket(url) as unknown as Pipe;
}

/** The relay's WebSocket address for this page. */
export function relayUrl(
  sessionId: string,
  peerId: string,
  location: Pick<Location, 'protocol' | 'host'> = window.location,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/sessions/${encodeURIComponent(sessionId)}/relay?peer=${encodeURIComponent(peerId)}`;
}

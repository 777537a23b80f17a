/**
 * The customer's WebSocket to one request, kept alive across drops: it reconnects with backoff
 * (at once when the browser says it is back online), resumes after the last seq it holds, and
 * resends every message not yet acknowledged with its client id (the server stores it once).
 * A silent connection is detected by ping/pong and replaced.
 */
import { backoffDelay, type Backoff } from '../../shared/backoff.js';
import type { CustomerClientFrame, CustomerServerFrame } from '../../shared/realtime.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface ConnectionOptions {
  url: string;
  onFrame: (frame: CustomerServerFrame) => void;
  onState: (state: ConnectionState) => void;
  /** the seq after which the server should replay (highest with nothing missing) */
  resumeSeq: () => number;
  /** frames to send again after each resume: the unacknowledged messages, in order */
  unacknowledged: () => CustomerClientFrame[];
}

const pingEveryMs = 15_000;
const pongWithinMs = 8_000;
const backoff: Backoff = { baseMs: 500, capMs: 8000, jitter: 'equal' };

/**
 * The wait before reconnecting: 250–500 ms, then up to 1, 2, 4 and 8 s, jittered so customers
 * cut off together do not come back together. Offline, only a slow retry (the longest wait).
 */
export function retryDelayMs(attempt: number, offline: boolean, random = Math.random): number {
  return backoffDelay(offline ? Infinity : attempt, { ...backoff, random });
}

export class ChatConnection {
  private socket: WebSocket | null = null;
  private resumed = false;
  private attempt = 0;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => this.drop();

  constructor(private readonly options: ConnectionOptions) {}

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.clearTimers();
    this.socket?.close(1000);
    this.socket = null;
    this.options.onState('stopped');
  }

  /** Sends when connected and resumed; otherwise typing and read frames are simply dropped (messages wait as pending). */
  send(frame: CustomerClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || !this.resumed) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.resumed = false;
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.heard();
      let frame: CustomerServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as CustomerServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.attempt = 0;
        socket.send(
          JSON.stringify({ type: 'resume', afterSeq: this.options.resumeSeq() } satisfies CustomerClientFrame),
        );
        for (const pending of this.options.unacknowledged()) socket.send(JSON.stringify(pending));
        this.resumed = true;
        this.options.onState('open');
      }
      this.options.onFrame(frame);
    };
    socket.onopen = () => this.heard();
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.resumed = false;
      this.clearTimers();
      this.scheduleRetry();
    };
    socket.onerror = () => socket.close();
  }

  /** Anything heard from the server: the line is alive; ping again later. */
  private heard(): void {
    window.clearTimeout(this.pongTimer);
    window.clearTimeout(this.pingTimer);
    this.pingTimer = window.setTimeout(() => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.send(JSON.stringify({ type: 'ping' } satisfies CustomerClientFrame));
      this.pongTimer = window.setTimeout(() => this.drop(), pongWithinMs);
    }, pingEveryMs);
  }

  /** The connection is gone or silent: close it and reconnect. */
  private drop(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.resumed = false;
    this.clearTimers();
    socket.onclose = null;
    socket.close();
    this.scheduleRetry();
  }

  private reconnectNow(): void {
    if (this.stopped || this.socket) return;
    window.clearTimeout(this.retryTimer);
    this.connect();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.options.onState('reconnecting');
    // offline: the browser's "online" event reconnects at once; meanwhile only a slow retry
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const delay = retryDelayMs(this.attempt, offline);
    this.attempt += 1;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private clearTimers(): void {
    window.clearTimeout(this.pingTimer);
    window.clearTimeout(this.pongTimer);
    window.clearTimeout(this.retryTimer);
  }
}

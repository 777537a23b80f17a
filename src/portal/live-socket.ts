/**
 * A customer's WebSocket kept alive across drops, shared by the chat (chat/connection.ts) and the
 * session's signalling (session/connection.ts): it reconnects with backoff (at once when the browser
 * says it is back online) and notices a silent line by ping/pong. A socket is greeted once the server's
 * `hello` arrived on it; what the owner does then (resume, resend) is its `onHello`.
 */
import { backoffDelay, type Backoff } from '../shared/backoff.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

/** Frames on both of the customer's sockets: each has a type; the client pings, the server greets. */
interface Frame {
  type: string;
}

export interface LiveSocketOptions<In extends Frame, Out extends Frame> {
  url: string;
  onFrame: (frame: In) => void;
  onState: (state: ConnectionState) => void;
  /** the server's `hello` on a new socket, before the state turns `open` and the frame is handed on */
  onHello?: (send: (frame: Out) => void) => void;
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

export class LiveSocket<In extends Frame, Out extends Frame> {
  private socket: WebSocket | null = null;
  private greeted = false;
  private attempt = 0;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => this.drop();

  constructor(private readonly options: LiveSocketOptions<In, Out>) {}

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

  /** Sends when the socket is open (and, with `greetedOnly`, once its `hello` came); otherwise drops the frame. */
  send(frame: Out, { greetedOnly = false } = {}): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || (greetedOnly && !this.greeted)) return false;
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
    this.greeted = false;
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.heard();
      let frame: In;
      try {
        frame = JSON.parse(String(event.data)) as In;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.attempt = 0;
        this.options.onHello?.((out) => socket.send(JSON.stringify(out)));
        this.greeted = true;
        this.options.onState('open');
      }
      this.options.onFrame(frame);
    };
    socket.onopen = () => this.heard();
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.greeted = false;
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
      this.socket.send(JSON.stringify({ type: 'ping' } satisfies Frame));
      this.pongTimer = window.setTimeout(() => this.drop(), pongWithinMs);
    }, pingEveryMs);
  }

  /** The connection is gone or silent: close it and reconnect. */
  private drop(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.greeted = false;
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

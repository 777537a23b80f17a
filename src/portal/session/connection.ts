/**
 * The customer's signalling socket of one session, kept alive across drops the way the chat's is
 * (chat/connection.ts): reconnect with the same backoff (at once when the browser is back online),
 * ping/pong to notice a silent line. Each `hello` gives the whole state again (the session and the
 * technicians watching), so nothing needs replaying; signals sent while disconnected are dropped
 * (the peer connections renegotiate when a viewer comes back).
 */
import type { SessionCustomerClientFrame, SessionCustomerServerFrame } from '../../shared/session-signals.js';
import { retryDelayMs, type ConnectionState } from '../chat/connection.js';

export interface SessionConnectionOptions {
  url: string;
  onFrame: (frame: SessionCustomerServerFrame) => void;
  onState: (state: ConnectionState) => void;
}

const pingEveryMs = 15_000;
const pongWithinMs = 8_000;

export class SessionConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => this.drop();

  constructor(private readonly options: SessionConnectionOptions) {}

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

  send(frame: SessionCustomerClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
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
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.heard();
      let frame: SessionCustomerServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as SessionCustomerServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.attempt = 0;
        this.options.onState('open');
      }
      this.options.onFrame(frame);
      // the session is over or gone: nothing more will come
      if (frame.type === 'error' && (frame.code === 'not_found' || frame.code === 'closed')) this.stop();
    };
    socket.onopen = () => this.heard();
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.clearTimers();
      this.scheduleRetry();
    };
    socket.onerror = () => socket.close();
  }

  private heard(): void {
    window.clearTimeout(this.pongTimer);
    window.clearTimeout(this.pingTimer);
    this.pingTimer = window.setTimeout(() => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.send(JSON.stringify({ type: 'ping' } satisfies SessionCustomerClientFrame));
      this.pongTimer = window.setTimeout(() => this.drop(), pongWithinMs);
    }, pingEveryMs);
  }

  private drop(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
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

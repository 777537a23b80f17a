import { backoffDelay } from '../../shared/backoff.js';
import { liveCloseCodes } from '../../shared/realtime.js';

/** A message from the live socket, or `resync` after a reconnection (something may have been missed). */
export type LiveMessage = { type: string; [key: string]: unknown };
export type LiveStatus = 'connecting' | 'open' | 'closed';

type Listener = (message: LiveMessage) => void;

/** Reconnection delays: 1 s doubling to 30 s, with jitter so a restarted server is not stampeded. */
export function reconnectDelayMs(attempt: number, random = Math.random): number {
  return backoffDelay(attempt, { baseMs: 1000, capMs: 30_000, jitter: 'equal', random });
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`;
}

/**
 * The console's one live socket, without React: connects, reconnects after a drop (telling
 * listeners to resynchronise), and reports a closed session so the console can sign out, or
 * access taken away so it can ask who it is now.
 */
export class LiveConnection {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private readonly idListeners = new Set<(connectionId: string | null) => void>();
  private attempt = 0;
  private everOpened = false;
  private resyncAtFirstOpen = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  status: LiveStatus = 'connecting';
  /** this socket's id as the server's `hello` named it (a relay or a peer connection is tied to it); null until then */
  connectionId: string | null = null;

  constructor(
    /** the socket's address, asked for at each connection (never while the server renders a page) */
    private readonly url: string | (() => string),
    private readonly onSessionEnded: () => void,
    private readonly onAccessChanged: () => void = onSessionEnded,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  /**
   * What is shown was drawn before the socket could hear of changes (a page the server drew): its
   * first opening also tells listeners to resynchronise, as a reconnection does.
   */
  resyncWhenFirstOpen(): void {
    this.resyncAtFirstOpen = true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
  }

  /** Sends a frame; false when the socket is not open (the caller keeps it and retries). */
  send(frame: { type: string; [key: string]: unknown }): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watchStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  watchConnectionId(listener: (connectionId: string | null) => void): () => void {
    this.idListeners.add(listener);
    return () => this.idListeners.delete(listener);
  }

  private setConnectionId(connectionId: string | null): void {
    if (connectionId === this.connectionId) return;
    this.connectionId = connectionId;
    for (const listener of this.idListeners) listener(connectionId);
  }

  private setStatus(status: LiveStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private emit(message: LiveMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  private open(): void {
    this.setStatus('connecting');
    const socket = new WebSocket(typeof this.url === 'string' ? this.url : this.url());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setStatus('open');
      if (this.everOpened || this.resyncAtFirstOpen) this.emit({ type: 'resync' });
      this.everOpened = true;
    };
    socket.onmessage = (e) => {
      try {
        const message = JSON.parse(String(e.data)) as LiveMessage;
        if (message.type === 'hello' && typeof message.connectionId === 'string')
          this.setConnectionId(message.connectionId);
        this.emit(message);
      } catch {
        // the server sends JSON only; anything else is ignored
      }
    };
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnectionId(null);
      this.setStatus('closed');
      if (this.stopped) return;
      if (e.code === liveCloseCodes.unauthenticated) return this.onSessionEnded();
      // no longer allowed as things stand (a second factor to set up, a permission lost): the
      // console learns why from who it is now, and the socket tries again after the usual delay
      if (e.code === liveCloseCodes.forbidden) this.onAccessChanged();
      this.timer = setTimeout(() => this.open(), reconnectDelayMs(this.attempt++));
    };
  }
}

import pg from 'pg';
import { backoffDelay } from '../../../shared/backoff.js';
import type { Channel } from './channels.js';
import { assertChannel } from './publish.js';

type Handler = (payload: unknown) => void;

export interface NotifyHubOptions {
  url: string;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** first reconnect delay; doubles up to 10 s */
  retryMs?: number;
}

/**
 * One LISTEN connection per process, shared by every subscriber: real-time fan-out across
 * processes (a chat message written by one process reaches sockets held by another).
 * Reconnects by itself when the database goes away; `onReconnect` handlers then resynchronise,
 * since notifications sent while disconnected are not replayed by PostgreSQL.
 */
export class NotifyHub {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private stopped = false;
  private connecting: Promise<void> | null = null;
  private failures = 0;

  constructor(private readonly options: NotifyHubOptions) {}

  /** Connects and listens. If the database does not answer, keeps retrying in the background. */
  async start(): Promise<void> {
    await this.connect().catch((err) => {
      this.options.log?.warn({ err }, 'notification connection: retrying');
      this.retryLater();
    });
  }

  /**
   * Calls `handler` with each message published on `channel`; returns the unsubscribe function.
   * Messages are not checked: they have the type their publishers (`publish`, triggers) give them.
   */
  async subscribe<P>(channel: Channel<P>, handler: (payload: P) => void): Promise<() => void> {
    const { name } = channel;
    assertChannel(name);
    const untyped = handler as Handler;
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
      if (this.client) await this.client.query(`listen ${name}`);
    }
    set.add(untyped);
    return () => {
      set.delete(untyped);
    };
  }

  /** Whether messages are being received now (false while the connection is lost and retried). */
  get connected(): boolean {
    return this.client !== null;
  }

  /** Called after the connection was lost and restored (messages may have been missed). */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private connect(): Promise<void> {
    if (!this.connecting) {
      this.connecting = this.open().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'tandem-notify' });
    client.on('error', (err) => this.options.log?.warn({ err }, 'notification connection error'));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.deliver(message.channel, message.payload));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`listen ${channel}`);
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private lost(client: pg.Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.retryLater();
  }

  private retryLater(): void {
    const retry = () => {
      if (this.stopped) return;
      this.connect().then(
        () => {
          for (const handler of this.reconnectHandlers) handler();
        },
        (err) => {
          this.options.log?.warn({ err }, 'notification connection: retrying');
          setTimeout(retry, this.nextDelay()).unref();
        },
      );
    };
    setTimeout(retry, this.nextDelay()).unref();
  }

  /** `retryMs` (0.5 s) doubling up to 10 s; one connection per process, so no jitter */
  private nextDelay(): number {
    return backoffDelay(this.failures++, { baseMs: this.options.retryMs ?? 500, capMs: 10_000, jitter: 'none' });
  }

  private deliver(channel: string, payload: string | undefined): void {
    const set = this.handlers.get(channel);
    if (!set || set.size === 0) return;
    let message: unknown;
    try {
      message = JSON.parse(payload ?? 'null');
    } catch {
      return;
    }
    for (const handler of set) {
      try {
        handler(message);
      } catch (err) {
        this.options.log?.error({ err, channel }, 'notification handler failed');
      }
    }
  }
}

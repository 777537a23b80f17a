import type { z } from 'zod';
import type { LiveServerMessage } from '../../../shared/realtime.js';
import type { Actor } from '../authz.js';

/** One open console socket of one signed-in user. */
export interface LiveConnection {
  readonly id: string;
  /** who was connected at the last check; deliveries and frames use `current()` */
  readonly actor: Actor;
  readonly openedAt: Date;
  /**
   * Who is connected now, as a request with the same credential would be authenticated: at once
   * while nothing changed, re-checked after `invalidate()`. Null when the socket may no longer be
   * used (it is being closed) or the check failed: deliver nothing then.
   */
  current(): Promise<Actor | null>;
  /** Something the identity is made of changed (or may have): the next `current()` re-checks. */
  invalidate(): void;
  send(message: LiveServerMessage): void;
  close(code: number, reason: string): void;
}

export type FrameHandler<T> = (connection: LiveConnection, frame: T) => void | Promise<void>;

interface FrameRoute {
  schema: z.ZodType;
  handler: FrameHandler<never>;
}

/**
 * The console sockets held by this process, and what modules do with them: the frames they
 * accept (`onFrame`), what happens when a socket opens or closes (`onOpen`/`onClose`: presence),
 * and who is connected (`connectionsOf`: fan-out of module messages). One registry per app.
 */
export class LiveRegistry {
  private readonly byAccount = new Map<string, Set<LiveConnection>>();
  private readonly frames = new Map<string, FrameRoute>();
  private readonly openHandlers = new Set<(connection: LiveConnection) => void | Promise<void>>();
  private readonly closeHandlers = new Set<(connection: LiveConnection) => void | Promise<void>>();
  private readonly upkeep = new Set<() => Promise<void>>();
  private readonly refreshHandlers = new Set<(connection: LiveConnection) => void | Promise<void>>();

  /** Accepts client frames of `type`, validated by `schema` before `handler` sees them. */
  onFrame<S extends z.ZodType>(type: string, schema: S, handler: FrameHandler<z.infer<S>>): void {
    if (this.frames.has(type)) throw new Error(`live frame ${type} is already handled`);
    this.frames.set(type, { schema, handler: handler as FrameHandler<never> });
  }

  onOpen(handler: (connection: LiveConnection) => void | Promise<void>): void {
    this.openHandlers.add(handler);
  }

  onClose(handler: (connection: LiveConnection) => void | Promise<void>): void {
    this.closeHandlers.add(handler);
  }

  /** Called when a connection's identity was re-checked and changed (role, companies, seats): drop what it may no longer see. */
  onRefresh(handler: (connection: LiveConnection) => void | Promise<void>): void {
    this.refreshHandlers.add(handler);
  }

  async refreshed(connection: LiveConnection): Promise<void> {
    for (const handler of this.refreshHandlers) await handler(connection);
  }

  /** Work done on every ping interval (dropping dead sockets, re-checking credentials). */
  onUpkeep(task: () => Promise<void>): void {
    this.upkeep.add(task);
  }

  /** Runs the upkeep tasks now; the live socket's timer calls it every ping interval. */
  async runUpkeep(): Promise<void> {
    for (const task of this.upkeep) await task();
  }

  frameRoute(type: string): FrameRoute | undefined {
    return this.frames.get(type);
  }

  /** This process's open sockets of an account. */
  connectionsOf(accountId: string): Iterable<LiveConnection> {
    return this.byAccount.get(accountId) ?? [];
  }

  /** This process's open sockets of one user. */
  *connectionsOfUser(accountId: string, userId: string): Iterable<LiveConnection> {
    for (const connection of this.connectionsOf(accountId)) if (connection.actor.userId === userId) yield connection;
  }

  get size(): number {
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }

  /** Every open socket (closing them all on shutdown). */
  *all(): Iterable<LiveConnection> {
    for (const set of this.byAccount.values()) yield* set;
  }

  async add(connection: LiveConnection): Promise<void> {
    const accountId = connection.actor.accountId;
    let set = this.byAccount.get(accountId);
    if (!set) this.byAccount.set(accountId, (set = new Set()));
    set.add(connection);
    for (const handler of this.openHandlers) await handler(connection);
  }

  async remove(connection: LiveConnection): Promise<void> {
    const set = this.byAccount.get(connection.actor.accountId);
    if (!set?.delete(connection)) return;
    if (set.size === 0) this.byAccount.delete(connection.actor.accountId);
    for (const handler of this.closeHandlers) await handler(connection);
  }
}

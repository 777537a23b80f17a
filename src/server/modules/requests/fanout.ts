import type { FastifyBaseLogger } from 'fastify';
import type { CustomerServerFrame } from '../../../shared/realtime.js';
import type { SupportServerFrame } from '../../../shared/realtime.js';
import { roleCan } from '../../../shared/permissions.js';
import { hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Module } from '../../../shared/licence.js';
import type { Db } from '../../platform/db/pool.js';
import type { LiveConnection, LiveRegistry } from '../../platform/realtime/live-registry.js';
import type { NotifyHub } from '../../platform/realtime/notify-hub.js';
import { userSeats } from '../seats/index.js';
import { findPortalOfCompany, portalContext } from '../portals/index.js';
import { loadStoredMessages, presentStored, type StoredMessages } from './messages.js';
import { rowFromNotice } from './notice-message.js';
import { channels } from '../../platform/realtime/channels.js';
import type { ChatNotice, SupportNotice } from './announce.js';
import { attachmentUrl, firstName, presentRequest } from './presenter.js';
import { queueStates } from './queue.js';
import * as repo from './repository.js';
import { requestAccess } from './access.js';
import type { RequestRow } from './repository.js';

const batch = 200;
/**
 * `message` changes of the request list wait this long and go to technicians together: one read of
 * the requests and their seats for all of them, and one small `support.new_messages` frame per
 * technician naming the requests they may see, instead of a presented request per message per
 * technician. The console reads its lists again at most once a second anyway.
 */
export const messageChangeDelayMs = 1000;

type ChatMessages = ReturnType<typeof presentStored>;
interface TechnicianAccess {
  actor: Actor;
  seats: ReadonlySet<Module>;
}
/** Reads stored messages after a seq; one reader is shared by the followers of one notice. */
export type MessageReader = (afterSeq: number, limit: number) => Promise<StoredMessages>;

/**
 * One read per seq for every follower a notice moves: the customer's socket and the technician
 * following the same request usually stand at the same seq, so they share the database read and
 * each presents the messages for its side. When the notice carries its message (a small text one),
 * followers standing just before it take it from there, with no read at all.
 */
export function noticeReader(db: Db, notice: Extract<ChatNotice, { event: 'message' }>): MessageReader {
  const { requestId } = notice;
  const reads = new Map<string, Promise<StoredMessages>>();
  // the notice carries its message: who stands just before it has it without a read
  const carried = notice.message
    ? Promise.resolve({ rows: [rowFromNotice(notice.message)], attachments: new Map() })
    : null;
  return (afterSeq, limit) => {
    if (carried && afterSeq === notice.seq - 1 && limit > 0) return carried;
    const key = `${afterSeq}:${limit}`;
    let read = reads.get(key);
    if (!read) reads.set(key, (read = loadStoredMessages(db, requestId, afterSeq, limit)));
    return read;
  };
}

/**
 * Something that receives one request's messages in order: it holds the highest seq it was sent
 * and, on every notice, sends what follows from the database — so a message is never sent twice,
 * never skipped, and always in seq order, whichever process stored it.
 */
export abstract class MessageFollower {
  /** null until the client said where it stands (`resume`) */
  sentSeq: number | null = null;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly requestId: string,
    protected readonly db: Db,
  ) {}

  protected abstract sendMessages(messages: ChatMessages): void;
  protected abstract url(attachmentId: string): string;
  /** Whether messages may still be sent, checked right before each send: false stops the pull. */
  protected mayDeliver(): boolean | Promise<boolean> {
    return true;
  }

  /** Runs `work` after everything queued before it on this follower. */
  serial(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work, work).catch(() => {});
    return this.chain;
  }

  resume(afterSeq: number): Promise<void> {
    return this.serial(async () => {
      this.sentSeq = afterSeq;
      await this.pull();
    });
  }

  /** Sends what was stored after the last seq sent; `read` may be shared with other followers. */
  flush(read?: MessageReader): Promise<void> {
    return this.serial(() => this.pull(read));
  }

  private async pull(
    read: MessageReader = (afterSeq, limit) => loadStoredMessages(this.db, this.requestId, afterSeq, limit),
  ): Promise<void> {
    if (this.sentSeq === null) return;
    for (;;) {
      const messages = presentStored(await read(this.sentSeq, batch), (a) => this.url(a));
      if (messages.length === 0) return;
      if (!(await this.mayDeliver())) return;
      this.sendMessages(messages);
      this.sentSeq = messages.at(-1)!.seq;
      if (messages.length < batch) return;
    }
  }
}

/** A customer's socket, as the fan-out sees it. */
export interface CustomerEndpoint {
  readonly follower: MessageFollower;
  readonly accountId: string;
  readonly companyId: string;
  send(frame: CustomerServerFrame): void;
  /** the last queue state sent, to send only changes */
  lastQueue: string | null;
}

/** What a follow keeps of its request to decide, at every delivery, whether it may still be seen. */
export type FollowedRequest = Pick<RequestRow, 'id' | 'accountId' | 'companyId' | 'kind'>;

class TechnicianFollower extends MessageFollower {
  constructor(
    readonly request: FollowedRequest,
    db: Db,
    readonly connection: LiveConnection,
    private readonly fanout: SupportFanout,
  ) {
    super(request.id, db);
  }
  protected override mayDeliver() {
    return this.fanout.stillFollows(this);
  }
  protected url(attachmentId: string) {
    return attachmentUrl('console', { id: this.requestId }, attachmentId);
  }
  protected sendMessages(messages: ChatMessages) {
    for (const message of messages) this.send({ type: 'support.message', requestId: this.requestId, message });
  }
  send(frame: SupportServerFrame) {
    this.connection.send(frame);
  }
}

/**
 * This process's chat endpoints (customer sockets, technicians following a request on the live
 * socket) and the notices that move them, from whichever process: LISTEN/NOTIFY through the hub.
 */
export class SupportFanout {
  private readonly customers = new Map<string, Set<CustomerEndpoint>>();
  private readonly technicians = new Map<string, Map<string, TechnicianFollower>>();
  private readonly stops: (() => void)[] = [];
  /** each connection's user and seats (being read, or read) at its last delivery */
  private readonly access = new WeakMap<LiveConnection, { actor: Actor; seats: Promise<ReadonlySet<Module>> }>();
  /** request ids whose `message` change waits to go to technicians, per account */
  private readonly pendingMessageChanges = new Map<string, Set<string>>();
  private readonly messageChangeTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Db,
    private readonly live: LiveRegistry,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(hub: NotifyHub): Promise<void> {
    this.stops.push(
      await hub.subscribe(
        channels.chat,
        (p) => void this.onChat(p).catch((err) => this.log.error({ err }, 'chat notice failed')),
      ),
    );
    this.stops.push(
      await hub.subscribe(
        channels.support,
        (p) => void this.onSupport(p).catch((err) => this.log.error({ err }, 'support notice failed')),
      ),
    );
    // technicians coming, going, changing status or capacity move every waiting customer's estimate
    this.stops.push(
      await hub.subscribe(
        channels.presence,
        (p) => void this.pushQueues(p.accountId).catch((err) => this.log.error({ err }, 'presence notice failed')),
      ),
    );
    // notices sent while the LISTEN connection was down are lost: pull everything again
    this.stops.push(
      hub.onReconnect(() => void this.resyncAll().catch((err) => this.log.error({ err }, 'support resync failed'))),
    );
    this.live.onClose((connection) => this.dropConnection(connection));
    // a user's role, companies or seats changed: what they may no longer see is unfollowed at once
    this.live.onRefresh((connection) => this.recheckFollows(connection));
    // as time passes (a grace period ending, the current round of accepts running): estimates again
    this.live.onUpkeep(() => this.pushQueues().catch((err) => this.log.error({ err }, 'queue refresh failed')));
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const timer of this.messageChangeTimers.values()) clearTimeout(timer);
    this.messageChangeTimers.clear();
    this.pendingMessageChanges.clear();
  }

  // --- customers
  addCustomer(endpoint: CustomerEndpoint): void {
    let set = this.customers.get(endpoint.follower.requestId);
    if (!set) this.customers.set(endpoint.follower.requestId, (set = new Set()));
    set.add(endpoint);
  }

  removeCustomer(endpoint: CustomerEndpoint): void {
    const set = this.customers.get(endpoint.follower.requestId);
    set?.delete(endpoint);
    if (set?.size === 0) this.customers.delete(endpoint.follower.requestId);
  }

  // --- technicians
  /** Follows a request the connection's user may see (checked by the caller with `followable`). */
  follow(connection: LiveConnection, request: FollowedRequest, afterSeq: number): Promise<void> {
    let map = this.technicians.get(request.id);
    if (!map) this.technicians.set(request.id, (map = new Map()));
    let follower = map.get(connection.id);
    if (!follower) map.set(connection.id, (follower = new TechnicianFollower(request, this.db, connection, this)));
    return follower.resume(afterSeq);
  }

  /**
   * A connection's user as they are now and their seats: the seats are read once per identity
   * (a changed role, company or seat gives a new actor), so a delivery costs no database read.
   */
  private async accessOf(connection: LiveConnection): Promise<TechnicianAccess | null> {
    const actor = await connection.current();
    if (!actor) return null;
    // one read for every delivery waiting on this identity
    const [seats] = await this.seatsOfEach(actor.accountId, [{ connection, actor }]);
    return { actor, seats: seats! };
  }

  /**
   * The seats of each connection's user, in order: remembered per identity, and read in one
   * statement for every connection whose identity is new since its last delivery. While nothing
   * changes, a delivery costs no read of seats.
   */
  private seatsOfEach(
    accountId: string,
    present: readonly { connection: LiveConnection; actor: Actor }[],
  ): Promise<ReadonlySet<Module>[]> {
    const unknown = present.filter(({ connection, actor }) => this.access.get(connection)?.actor !== actor);
    const read = unknown.length > 0 && userSeats(this.db, accountId, [...new Set(unknown.map((c) => c.actor.userId))]);
    if (read)
      for (const { connection, actor } of unknown) {
        const seats: Promise<ReadonlySet<Module>> = read.then(
          (byUser) => new Set(byUser.get(actor.userId) ?? []),
          (err: unknown) => {
            // not remembered: the next delivery reads again
            if (this.access.get(connection)?.seats === seats) this.access.delete(connection);
            throw err;
          },
        );
        this.access.set(connection, { actor, seats });
      }
    return Promise.all(present.map(({ connection }) => this.access.get(connection)!.seats));
  }

  /**
   * The REST rule (`requestAccess`) for a follow, at the moment of a delivery: false, and the
   * follow dropped with `support.unfollowed`, once its user may no longer see the request.
   */
  async stillFollows(follower: TechnicianFollower): Promise<boolean> {
    const access = await this.accessOf(follower.connection);
    if (!access) return false;
    const verdict = requestAccess(access.actor, access.seats, follower.request);
    if (verdict === 'visible') return true;
    if (this.technicians.get(follower.requestId)?.get(follower.connection.id) === follower) {
      this.unfollow(follower.connection, follower.requestId);
      follower.send({
        type: 'support.unfollowed',
        requestId: follower.requestId,
        reason: verdict === 'hidden' ? 'not_found' : 'seat_required',
      });
    }
    return false;
  }

  private async recheckFollows(connection: LiveConnection): Promise<void> {
    const mine = [...this.technicians.values()].flatMap((map) => map.get(connection.id) ?? []);
    for (const follower of mine) await this.stillFollows(follower);
  }

  /** Sends a frame to a follower after what was queued before it, if its user may still see the request. */
  private deliver(follower: TechnicianFollower, frame: SupportServerFrame): void {
    // not awaited: queued behind the follower's earlier frames; serial never rejects
    void follower.serial(async () => {
      if (await this.stillFollows(follower)) follower.send(frame);
    });
  }

  unfollow(connection: LiveConnection, requestId: string): void {
    const map = this.technicians.get(requestId);
    map?.delete(connection.id);
    if (map?.size === 0) this.technicians.delete(requestId);
  }

  private dropConnection(connection: LiveConnection): void {
    for (const requestId of [...this.technicians.keys()]) this.unfollow(connection, requestId);
  }

  /** How many endpoints this process holds (tests, metrics). */
  get size(): { customers: number; technicians: number } {
    let customers = 0;
    let technicians = 0;
    for (const s of this.customers.values()) customers += s.size;
    for (const m of this.technicians.values()) technicians += m.size;
    return { customers, technicians };
  }

  // --- notices
  private async onChat(notice: ChatNotice): Promise<void> {
    const customers = this.customers.get(notice.requestId) ?? new Set<CustomerEndpoint>();
    const technicians = [...(this.technicians.get(notice.requestId)?.values() ?? [])];
    switch (notice.event) {
      case 'message': {
        const read = noticeReader(this.db, notice);
        await Promise.all([
          ...[...customers].map((c) => c.follower.flush(read)),
          ...technicians.map((t) => t.flush(read)),
        ]);
        return;
      }
      case 'typing':
        if (notice.side === 'technician')
          for (const c of customers) c.send({ type: 'typing', typing: notice.typing, name: firstName(notice.name) });
        else
          for (const t of technicians)
            this.deliver(t, {
              type: 'support.typing',
              requestId: notice.requestId,
              typing: notice.typing,
              name: notice.name,
            });
        return;
      case 'read':
        if (notice.side === 'technician') for (const c of customers) c.send({ type: 'read', seq: notice.seq });
        for (const t of technicians)
          this.deliver(t, { type: 'support.read', requestId: notice.requestId, by: notice.side, seq: notice.seq });
        return;
    }
  }

  private async onSupport(notice: SupportNotice): Promise<void> {
    // a message changes neither the request's state nor anyone's place in the queue
    if (notice.change === 'message') {
      this.queueMessageChange(notice.accountId, notice.requestId);
      return;
    }
    await this.sendStatus(notice.accountId, notice.requestId);
    await this.pushQueue(notice.accountId, notice.companyId);
    await this.pushToTechnicians(notice.accountId, notice.requestId, notice.change, notice.takenBy);
  }

  /** A `message` change joins the account's next batch (at most one per request per batch). */
  private queueMessageChange(accountId: string, requestId: string): void {
    let pending = this.pendingMessageChanges.get(accountId);
    if (!pending) this.pendingMessageChanges.set(accountId, (pending = new Set()));
    pending.add(requestId);
    if (this.messageChangeTimers.has(accountId)) return;
    const timer = setTimeout(() => {
      this.messageChangeTimers.delete(accountId);
      const ids = [...(this.pendingMessageChanges.get(accountId) ?? [])];
      this.pendingMessageChanges.delete(accountId);
      void this.pushNewMessages(accountId, ids).catch((err) => this.log.error({ err }, 'request changes failed'));
    }, messageChangeDelayMs);
    timer.unref();
    this.messageChangeTimers.set(accountId, timer);
  }

  /** Tells the customers of a request here its state (accepted by whom, offline with the message, closed). */
  private async sendStatus(accountId: string, requestId: string): Promise<void> {
    const customers = this.customers.get(requestId);
    if (!customers?.size) return;
    const row = await repo.findRequestWithNames(this.db, accountId, requestId);
    if (!row) return;
    const portal = await findPortalOfCompany(this.db, row.accountId, row.companyId);
    const offlineMessage = portal ? (await portalContext(this.db, portal)).offlineMessage : null;
    const offline = row.status === 'offline' || row.status === 'answered';
    for (const c of customers) {
      c.send({
        type: 'status',
        status: row.status,
        technicianName: firstName(row.assigneeName),
        offlineReason: row.offlineReason,
        offlineMessage: offline ? offlineMessage : null,
      });
    }
  }

  /** Recomputes the queue of every company (of one account, or all) with a customer connected here. */
  async pushQueues(accountId?: string, now = new Date()): Promise<void> {
    const companies = new Map<string, string>();
    for (const set of this.customers.values()) {
      for (const c of set) if (!accountId || c.accountId === accountId) companies.set(c.companyId, c.accountId);
    }
    for (const [companyId, account] of companies) await this.pushQueue(account, companyId, now);
  }

  /** Sends each waiting customer of a company here their position and estimated wait, when changed. */
  async pushQueue(accountId: string, companyId: string, now = new Date()): Promise<void> {
    const waiting = [...this.customers.values()]
      .flatMap((set) => [...set])
      .filter((c) => c.accountId === accountId && c.companyId === companyId);
    if (waiting.length === 0) return;
    const states = await queueStates(this.db, accountId, companyId, now);
    for (const c of waiting) {
      const state = states.get(c.follower.requestId);
      if (!state) continue;
      const key = JSON.stringify(state);
      if (key === c.lastQueue) continue;
      c.lastQueue = key;
      c.send({ type: 'queue', queue: state });
    }
  }

  /**
   * `support.request` to every technician here who may see the request, presented for each.
   */
  private async pushToTechnicians(
    accountId: string,
    requestId: string,
    change: Exclude<SupportNotice['change'], 'message'>,
    takenBy: SupportNotice['takenBy'],
  ): Promise<void> {
    for (const { connection, actor, mine, row } of await this.viewersOf(accountId, [requestId]))
      connection.send({ type: 'support.request', change, request: presentRequest(row, actor, mine), takenBy });
  }

  /** `support.new_messages` to every technician here, naming the requests of the batch they may see. */
  private async pushNewMessages(accountId: string, requestIds: readonly string[]): Promise<void> {
    const seen = new Map<LiveConnection, string[]>();
    for (const { connection, row } of await this.viewersOf(accountId, requestIds)) {
      const ids = seen.get(connection);
      if (ids) ids.push(row.id);
      else seen.set(connection, [row.id]);
    }
    for (const [connection, ids] of seen) connection.send({ type: 'support.new_messages', requestIds: ids });
  }

  /**
   * Each technician here paired with each of the requests they may see, as they are now: one read
   * of the requests and at most one of the technicians' seats (none while nobody's identity changed).
   */
  private async viewersOf(accountId: string, requestIds: readonly string[]) {
    const viewers: { connection: LiveConnection; actor: Actor; mine: ReadonlySet<Module>; row: repo.RequestListRow }[] =
      [];
    if (requestIds.length === 0) return viewers;
    // each user as they are now (at once unless their identity just changed)
    const present = await Promise.all(
      [...this.live.connectionsOf(accountId)].map(async (connection) => ({
        connection,
        actor: await connection.current(),
      })),
    );
    const connections = present.filter(
      (c): c is { connection: LiveConnection; actor: Actor } =>
        c.actor !== null && roleCan(c.actor.role, 'requests.read'),
    );
    if (connections.length === 0) return viewers;
    const rows = (await repo.findRequestsWithNames(this.db, accountId, requestIds)).filter((row) =>
      connections.some((c) => hasCompanyAccess(c.actor, row.companyId)),
    );
    if (rows.length === 0) return viewers;
    const seats = await this.seatsOfEach(accountId, connections);
    for (const [i, { connection, actor }] of connections.entries()) {
      const mine = seats[i]!;
      for (const row of rows)
        if (requestAccess(actor, mine, row) === 'visible') viewers.push({ connection, actor, mine, row });
    }
    return viewers;
  }

  /**
   * After the LISTEN connection came back: every follower pulls what was stored meanwhile, every
   * waiting customer gets their queue again, and customers whose request changed state meanwhile
   * (accepted, offline, closed) get its status; the console sockets get `resync` from the live
   * module and refetch their lists.
   */
  private async resyncAll(): Promise<void> {
    // not awaited: every follower pulls at once, each in its own order; flush never rejects (serial)
    for (const set of this.customers.values()) for (const c of set) void c.follower.flush();
    for (const map of this.technicians.values()) for (const t of map.values()) void t.flush();
    for (const set of [...this.customers.values()]) {
      const first = [...set][0];
      if (first) await this.sendStatus(first.accountId, first.follower.requestId);
    }
    await this.pushQueues();
  }
}

import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { RtcSignal, SessionServerFrame } from '../../../shared/session-signals.js';
import type { SessionCustomerServerFrame } from '../../../shared/session-signals.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import type { SessionNotice, SessionSignalNotice } from '../../platform/realtime/channels.js';
import type { LiveConnection } from '../../platform/realtime/live-registry.js';
import { watchableSession } from './access.js';
import { PerSessionQueue } from './per-session-queue.js';
import { findSessionById, type SessionRow } from './repository.js';
import { customerView } from './join-view.js';
import { loadSignal, sendSignal, type StoredSignal } from './signal-repository.js';

/** Whether a session's owner controls the device (a device session opened for control). */
const controls = (session: SessionRow): boolean => session.kind === 'device' && session.mode === 'control';

/** A customer's session socket as the relay sees it. */
export interface CustomerPeer {
  readonly sessionId: string;
  send(frame: SessionCustomerServerFrame): void;
}

interface Watch {
  connection: LiveConnection;
  name: string;
  /** it owned the session when it started watching: losing it then is a transfer */
  owner: boolean;
  /** a device session in `control` mode watched by its owner: the agent applies this socket's input */
  control: boolean;
}

type UnwatchReason = Extract<SessionServerFrame, { type: 'session.unwatched' }>['reason'];

/**
 * This process's side of the signalling: the customer sockets and the technician sockets watching
 * sessions that it holds, and the relay between them through the database (see signalling.ts).
 * Everything is keyed by session: a row or a notice of one session reaches only that session's
 * sockets here, so nothing crosses to another session, or another account.
 */
export class SignalRelay {
  /** this process, for the arrival notices it sends itself */
  readonly processId = randomUUID();
  private readonly customers = new Map<string, Set<CustomerPeer>>();
  private readonly watches = new Map<string, Map<string, Watch>>();
  private readonly stores: PerSessionQueue;
  private readonly viewerGoneListeners: ((sessionId: string, peerId: string) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {
    this.stores = new PerSessionQueue((err) =>
      log.warn({ err }, 'session signalling: a signal was not stored for the other processes'),
    );
  }

  // --- technicians ------------------------------------------------------------------------------

  /** A technician socket starts watching (checked by `watchableSession`): its state, then its presence to the customer. */
  async watch(connection: LiveConnection, sessionId: string): Promise<void> {
    const session = await watchableSession(this.db, connection.actor, sessionId);
    let watching = this.watches.get(sessionId);
    if (!watching) this.watches.set(sessionId, (watching = new Map()));
    const already = watching.has(connection.id);
    const owner = session.technicianId === connection.actor.userId;
    const watch = { connection, name: connection.actor.name, owner, control: owner && controls(session) };
    watching.set(connection.id, watch);
    connection.send({ type: 'session.state', sessionId, state: await customerView(this.db, session) });
    if (!already) await this.presence(sessionId, connection.id, watch, true);
  }

  /** A socket stops watching one session (its frame, or access lost: then told why). */
  async unwatch(connection: LiveConnection, sessionId: string, reason?: UnwatchReason): Promise<void> {
    const watching = this.watches.get(sessionId);
    const watch = watching?.get(connection.id);
    if (!watching || !watch) return;
    watching.delete(connection.id);
    if (watching.size === 0) this.watches.delete(sessionId);
    if (reason) connection.send({ type: 'session.unwatched', sessionId, reason });
    for (const listener of this.viewerGoneListeners) listener(sessionId, connection.id);
    await this.presence(sessionId, connection.id, watch, false);
  }

  /** Told when a technician socket stops watching a session of this process (left, closed, access lost). */
  onViewerGone(listener: (sessionId: string, peerId: string) => void): void {
    this.viewerGoneListeners.push(listener);
  }

  /** A socket closed: every session it watched loses this viewer. */
  async closed(connection: LiveConnection): Promise<void> {
    for (const [sessionId, watching] of [...this.watches])
      if (watching.has(connection.id)) await this.unwatch(connection, sessionId);
  }

  /** A signal from a watching technician socket, to the customer's page. */
  async fromTechnician(connection: LiveConnection, sessionId: string, signal: RtcSignal): Promise<void> {
    await watchableSession(this.db, connection.actor, sessionId);
    if (!this.watches.get(sessionId)?.has(connection.id))
      throw new AppError('conflict', 'Watch the session (session.watch) before sending signals.');
    await this.relay({ sessionId, toPeer: 'customer', fromPeer: connection.id, payload: { signal } });
  }

  /** Checks again each session a socket watches (its user changed): what it may no longer watch is dropped. */
  async recheck(connection: LiveConnection): Promise<void> {
    for (const [sessionId, watching] of [...this.watches]) {
      const watch = watching.get(connection.id);
      if (watch) await this.recheckWatch(sessionId, watch);
    }
  }

  private async recheckWatch(sessionId: string, watch: Watch): Promise<void> {
    const actor = await watch.connection.current();
    if (!actor) return this.unwatch(watch.connection, sessionId);
    try {
      const session = await watchableSession(this.db, actor, sessionId);
      watch.connection.send({ type: 'session.state', sessionId, state: await customerView(this.db, session) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      let reason: UnwatchReason = 'not_found';
      if (err.code === 'conflict') reason = 'ended';
      else if (err.code === 'forbidden') reason = 'seat_required';
      else if (watch.owner) {
        const now = await findSessionById(this.db, sessionId);
        if (now && now.accountId === actor.accountId && now.technicianId !== actor.userId) reason = 'transferred';
      }
      await this.unwatch(watch.connection, sessionId, reason);
    }
  }

  // --- customers --------------------------------------------------------------------------------

  /**
   * A customer socket opened: `hello` with the session and the viewers watching from this process,
   * then its arrival is told to every other process, which announce their own viewers to it.
   */
  async arrived(peer: CustomerPeer): Promise<void> {
    let set = this.customers.get(peer.sessionId);
    if (!set) this.customers.set(peer.sessionId, (set = new Set()));
    set.add(peer);
    const session = await findSessionById(this.db, peer.sessionId);
    if (!session) return;
    const viewers = [...(this.watches.get(peer.sessionId)?.entries() ?? [])].map(([peerId, w]) => ({
      peerId,
      name: w.name,
      control: w.control,
    }));
    peer.send({ type: 'hello', session: await customerView(this.db, session), viewers });
    await this.relay({
      sessionId: peer.sessionId,
      toPeer: 'watchers',
      fromPeer: this.processId,
      payload: { arrived: true },
    });
  }

  left(peer: CustomerPeer): void {
    const set = this.customers.get(peer.sessionId);
    set?.delete(peer);
    if (set?.size === 0) this.customers.delete(peer.sessionId);
  }

  /** A signal from the customer's page, to one technician socket (wherever it is connected). */
  async fromCustomer(sessionId: string, peerId: string, signal: RtcSignal): Promise<void> {
    await this.relay({ sessionId, toPeer: peerId, fromPeer: 'customer', payload: { signal } });
  }

  /** The technician socket `peerId` watching this session from this process, if it is one. */
  watcher(sessionId: string, peerId: string): LiveConnection | undefined {
    return this.watches.get(sessionId)?.get(peerId)?.connection;
  }

  private presence(sessionId: string, peerId: string, watch: Watch, present: boolean): Promise<void> {
    return this.relay({
      sessionId,
      toPeer: 'customer',
      fromPeer: peerId,
      payload: { viewer: { name: watch.name, present, control: watch.control } },
    });
  }

  // --- notices from every process ---------------------------------------------------------------

  /**
   * A signal from a socket of this process: delivered at once to this process's sockets it is for,
   * then stored and announced for the other processes' (this one skips its own notice). The store
   * is queued per session, in order, and not waited for: a slow database delays only the other
   * processes' sockets, never the next frame here.
   */
  private async relay(signal: StoredSignal): Promise<void> {
    await this.deliver(signal);
    void this.stores.push(signal.sessionId, () => sendSignal(this.db, signal, this.processId));
  }

  /** A signal row was stored by another process: delivered to this process's sockets it is for, if any. */
  async onSignal(notice: SessionSignalNotice): Promise<void> {
    const { sessionId, toPeer } = notice;
    if (notice.origin === this.processId || !this.holds(sessionId, toPeer)) return;
    const row = await loadSignal(this.db, sessionId, notice.id);
    if (row) await this.deliver(row);
  }

  /** Whether a socket of this process is a recipient of a signal to `toPeer` in this session. */
  private holds(sessionId: string, toPeer: string): boolean {
    if (toPeer === 'customer') return this.customers.has(sessionId);
    const watching = this.watches.get(sessionId);
    return toPeer === 'watchers' ? watching !== undefined : watching?.has(toPeer) === true;
  }

  private async deliver(row: StoredSignal): Promise<void> {
    const { sessionId, toPeer, payload } = row;
    if (!this.holds(sessionId, toPeer)) return;
    if (toPeer === 'customer') {
      for (const peer of this.customers.get(sessionId) ?? []) {
        if ('viewer' in payload)
          peer.send({
            type: 'viewer',
            viewer: { peerId: row.fromPeer, name: payload.viewer.name, control: payload.viewer.control ?? false },
            present: payload.viewer.present,
          });
        else if ('signal' in payload) peer.send({ type: 'signal', peerId: row.fromPeer, signal: payload.signal });
      }
      return;
    }
    const watching = this.watches.get(sessionId);
    if (toPeer !== 'watchers') {
      const watch = watching?.get(toPeer);
      if (watch && 'signal' in payload)
        watch.connection.send({ type: 'session.signal', sessionId, signal: payload.signal });
      return;
    }
    // a customer arrived on another process: it hears of the viewers watching from this one
    if (watching && row.fromPeer !== this.processId)
      for (const [peerId, w] of watching) await this.presence(sessionId, peerId, w, true);
  }

  /** A session changed: its customer sockets get it, its watchers get it or are dropped. */
  onSession(notice: SessionNotice): Promise<void> {
    return this.refresh(notice.sessionId);
  }

  private async refresh(sessionId: string): Promise<void> {
    const customers = this.customers.get(sessionId);
    const watching = this.watches.get(sessionId);
    if (!customers && !watching) return;
    if (customers) {
      const session = await findSessionById(this.db, sessionId);
      if (session) {
        const view = await customerView(this.db, session);
        for (const peer of customers) peer.send({ type: 'session', session: view });
      }
    }
    for (const watch of [...(watching?.values() ?? [])])
      await this.recheckWatch(sessionId, watch).catch((err) =>
        this.log.warn({ err }, 'session signalling: a watcher could not be checked'),
      );
  }

  /** The notification connection came back (notices may have been missed): every session held here is pushed again. */
  async resync(): Promise<void> {
    const ids = new Set([...this.customers.keys(), ...this.watches.keys()]);
    for (const sessionId of ids) await this.refresh(sessionId);
  }

  /** Sockets held now (tests, shutdown). */
  get counts(): { customers: number; watches: number } {
    let customers = 0;
    let watches = 0;
    for (const set of this.customers.values()) customers += set.size;
    for (const map of this.watches.values()) watches += map.size;
    return { customers, watches };
  }
}

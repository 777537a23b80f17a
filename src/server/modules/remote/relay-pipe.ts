import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { remoteMessageMaxBytes } from '../../../shared/remote/protocol.js';
import type { AgentRelayFrame } from '../../../shared/agent-frames.js';

/** Reading from one side pauses while the other side has this much still to send, and resumes under half of it. */
const highWaterBytes = 4 * 1024 * 1024;
/** A console's relay waits this long for the agent's side before it is closed. */
const agentJoinMs = 30_000;

/** Close codes a console's relay socket may end with (the console says why). */
export const relayCloseCodes = {
  /** the agent did not open its side in time (not connected, or refused the grant) */
  agentAbsent: 4504,
  /** the other side closed */
  peerClosed: 4000,
  /** a message over `remoteMessageMaxBytes` */
  tooLarge: 1009,
} as const;

/** The agent's session socket as the relay pipes see it: its device, and where a `relay` frame goes. */
export interface AgentSessionPeer {
  readonly deviceId: string;
  send(frame: AgentRelayFrame): void;
}

interface PendingRelay {
  sessionId: string;
  peerId: string;
  console: WebSocket;
  asked: boolean;
  timer: NodeJS.Timeout;
}

/**
 * This process's relays: a technician's console socket waiting for the agent's side, then both
 * joined, every message passed on unchanged (text as text, binary as binary), at most
 * `remoteMessageMaxBytes` each, reading paused on one side while the other is backed up. A relay
 * is asked of the agent through its session socket on this process (`relay` frame with a grant
 * signed for that relay); the agent's socket arriving later asks for every relay waiting for it.
 */
export class RelayPipes {
  private readonly pending = new Map<string, PendingRelay>();
  private readonly open = new Set<WebSocket>();
  /** the console sockets of each watching technician socket (`sessionId/peerId`) */
  private readonly consoles = new Map<string, Set<WebSocket>>();

  constructor(
    private readonly agentOf: (sessionId: string) => AgentSessionPeer | undefined,
    private readonly signRelay: (deviceId: string, sessionId: string, relayId: string) => Promise<string>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** A console's relay socket opened (its watch checked by the route): waits for the agent. */
  async consoleOpened(sessionId: string, peerId: string, socket: WebSocket): Promise<void> {
    const relayId = randomUUID();
    const timer = setTimeout(
      () => this.drop(relayId, relayCloseCodes.agentAbsent, 'the device did not join'),
      agentJoinMs,
    );
    const relay: PendingRelay = { sessionId, peerId, console: socket, asked: false, timer };
    this.pending.set(relayId, relay);
    this.open.add(socket);
    const viewer = `${sessionId}/${peerId}`;
    let sockets = this.consoles.get(viewer);
    if (!sockets) this.consoles.set(viewer, (sockets = new Set()));
    sockets.add(socket);
    socket.once('close', () => {
      this.open.delete(socket);
      sockets.delete(socket);
      if (sockets.size === 0 && this.consoles.get(viewer) === sockets) this.consoles.delete(viewer);
      if (this.pending.get(relayId) === relay) this.drop(relayId);
    });
    await this.ask(relayId, relay);
  }

  /** The agent's session socket for `sessionId` arrived here: every relay waiting for it is asked. */
  async agentArrived(sessionId: string): Promise<void> {
    for (const [relayId, relay] of [...this.pending])
      if (relay.sessionId === sessionId && !relay.asked) await this.ask(relayId, relay);
  }

  /** The agent opened its side of `relayId` (its grant already checked by the agent, its credential by the route). */
  agentJoined(sessionId: string, relayId: string, socket: WebSocket): boolean {
    const relay = this.pending.get(relayId);
    if (!relay || relay.sessionId !== sessionId) return false;
    this.pending.delete(relayId);
    clearTimeout(relay.timer);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    this.pipe(relay.console, socket);
    this.pipe(socket, relay.console);
    return true;
  }

  /** A technician socket stopped watching (left, closed, lost access): its relays close. */
  closeViewer(sessionId: string, peerId: string): void {
    for (const socket of this.consoles.get(`${sessionId}/${peerId}`) ?? [])
      socket.close(relayCloseCodes.peerClosed, 'no longer watching');
  }

  /** Open relays and sockets still waiting (tests, shutdown). */
  get counts(): { pending: number; sockets: number } {
    return { pending: this.pending.size, sockets: this.open.size };
  }

  /** Closes every relay socket of this process (shutdown). */
  closeAll(): void {
    for (const socket of this.open) socket.close(1001, 'server stopping');
  }

  private async ask(relayId: string, relay: PendingRelay): Promise<void> {
    const agent = this.agentOf(relay.sessionId);
    if (!agent) return;
    relay.asked = true;
    try {
      const grant = await this.signRelay(agent.deviceId, relay.sessionId, relayId);
      if (this.pending.get(relayId) === relay) agent.send({ type: 'relay', relayId, peerId: relay.peerId, grant });
    } catch (err) {
      relay.asked = false;
      this.log.warn({ err }, 'remote relay: the agent could not be asked');
    }
  }

  private drop(relayId: string, code?: number, reason?: string): void {
    const relay = this.pending.get(relayId);
    if (!relay) return;
    this.pending.delete(relayId);
    clearTimeout(relay.timer);
    if (code !== undefined) relay.console.close(code, reason);
  }

  /** Passes `from`'s messages to `to` as they are; either closing closes the other. */
  private pipe(from: WebSocket, to: WebSocket): void {
    from.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (size > remoteMessageMaxBytes) return from.close(relayCloseCodes.tooLarge, 'message too large');
      if (to.readyState !== to.OPEN) return;
      to.send(data as Buffer, { binary: isBinary }, () => {
        if (from.isPaused && to.bufferedAmount < highWaterBytes / 2) from.resume();
      });
      if (to.bufferedAmount > highWaterBytes) from.pause();
    });
    from.once('close', () => {
      if (to.readyState === to.OPEN || to.readyState === to.CONNECTING)
        to.close(relayCloseCodes.peerClosed, 'the other side left');
    });
  }
}

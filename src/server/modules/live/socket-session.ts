import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  clientFrameEnvelope,
  liveCloseCodes,
  liveFrameRate,
  type LiveServerMessage,
} from '../../../shared/realtime.js';
import type { Actor } from '../../platform/authz.js';
import { roleCan, type Permission } from '../../../shared/permissions.js';
import type { Credential, CachedIdentity } from '../auth/index.js';
import { AppError } from '../../platform/http/app-error.js';
import type { LiveConnection, LiveRegistry } from '../../platform/realtime/live-registry.js';

/** A token bucket: `burst` frames at once, refilled at `perSecond`. */
export class FrameBudget {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond = liveFrameRate.perSecond,
    private readonly burst = liveFrameRate.burst,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** How many refused frames in a row close the socket: a client that ignores `rate_limited`. */
const refusalsBeforeClose = 100;

/** What a socket checks its credential with: the identity as a request would find it now (null: no longer valid). */
export type IdentityCheck = () => Promise<CachedIdentity | null>;

/**
 * One console socket: sends messages, and turns each incoming frame into a call of the handler a
 * module registered for its type — rate-limited and validated first, failures answered with an
 * `error` frame that echoes the frame's `ref`, never with a crash.
 *
 * Its user is re-checked whenever their account's identities change (`invalidate`, told at once
 * by the identity cache): the next delivery or frame waits for the check (`current`). A user who
 * may no longer use the socket (signed out, disabled, token revoked, a second factor to enrol,
 * a role without the route's permission) is closed; a changed actor (role, companies, seats) is
 * announced to the registry's refresh handlers, which drop what it may no longer follow.
 */
export class SocketSession implements LiveConnection {
  readonly id = randomUUID();
  readonly openedAt = new Date();
  private readonly budget = new FrameBudget();
  private refusedInARow = 0;
  private answeredPing = true;
  /** false after `invalidate()` until the identity was checked again */
  private fresh = true;
  private generation = 0;
  private checking: Promise<Actor | null> | null = null;
  private ended = false;

  constructor(
    private readonly socket: WebSocket,
    public actor: Actor,
    /** what the socket presented when it opened, checked again at every change and upkeep */
    readonly credential: Credential | null,
    private readonly registry: LiveRegistry,
    private readonly log: FastifyBaseLogger,
    private readonly check: IdentityCheck | null = null,
    /** the permission the socket's route asks for: losing it closes the socket */
    private readonly permission: Permission = 'profile.read',
  ) {
    socket.on('pong', () => {
      this.answeredPing = true;
    });
    socket.on('close', () => {
      this.ended = true;
    });
  }

  invalidate(): void {
    if (!this.check) return;
    this.generation++;
    this.fresh = false;
  }

  /**
   * Checks the identity again while deliveries go on with the one already known: the upkeep's check, for what
   * time alone ends (a session idle or past its end). A change told meanwhile (`invalidate()`) still holds
   * deliveries until it has been read. Every socket checking at once, each delivery waiting for its read, held
   * every technician's messages back for as long as the reads of all of them took.
   */
  revalidate(): Promise<Actor | null> {
    if (this.ended) return Promise.resolve(null);
    if (!this.check) return Promise.resolve(this.actor);
    return (this.checking ??= this.recheck());
  }

  current(): Promise<Actor | null> {
    if (this.ended) return Promise.resolve(null);
    if (this.fresh) return Promise.resolve(this.actor);
    return (this.checking ??= this.recheck());
  }

  private async recheck(): Promise<Actor | null> {
    try {
      for (let attempt = 1; ; attempt++) {
        const generation = this.generation;
        let identity: CachedIdentity | null;
        try {
          identity = await this.check!();
        } catch (err) {
          // the database is unreachable: deliver nothing now, check again next time
          this.log.warn({ err }, 'live socket: could not check a credential');
          return null;
        }
        // changed again while it was read: read once more (a few times at most, as a request in
        // flight during a change is answered as it was read)
        if (generation !== this.generation && attempt < 3) continue;
        return this.apply(identity, generation);
      }
    } finally {
      this.checking = null;
    }
  }

  private apply(identity: CachedIdentity | null, generation: number): Actor | null {
    if (this.ended) return null;
    if (!identity) return this.end(liveCloseCodes.unauthenticated, 'signed out');
    if (identity.mustEnrolTwoFactor)
      return this.end(liveCloseCodes.forbidden, 'two-factor sign-in must be set up first');
    if (!roleCan(identity.actor.role, this.permission)) return this.end(liveCloseCodes.forbidden, 'not allowed');
    const changed = identity.actor !== this.actor;
    this.actor = identity.actor;
    // a change told while it was read leaves it to be checked again next time
    this.fresh = generation === this.generation;
    // not awaited: the handlers ask `current()`, which answers once this check is over
    if (changed)
      void this.registry.refreshed(this).catch((err) => this.log.error({ err }, 'live socket: refresh handler failed'));
    return this.actor;
  }

  private end(code: number, reason: string): null {
    this.ended = true;
    this.close(code, reason);
    return null;
  }

  /** Pings the client; false (and the socket dropped) when it did not answer the previous ping. */
  pingOrDrop(): boolean {
    if (!this.answeredPing) {
      this.socket.terminate();
      return false;
    }
    this.answeredPing = false;
    this.socket.ping();
    return true;
  }

  send(message: LiveServerMessage): void {
    if (!this.ended && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.ended = true;
    this.socket.close(code, reason);
  }

  async receive(data: string): Promise<void> {
    if (!this.budget.take()) {
      if (++this.refusedInARow >= refusalsBeforeClose) return this.close(liveCloseCodes.rateLimited, 'too many frames');
      return this.send({ type: 'error', code: 'rate_limited', message: 'Too many messages: slow down.' });
    }
    this.refusedInARow = 0;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return this.send({ type: 'error', code: 'invalid_frame', message: 'A frame must be one JSON object.' });
    }
    const envelope = clientFrameEnvelope.safeParse(parsed);
    if (!envelope.success)
      return this.send({ type: 'error', code: 'invalid_frame', message: 'A frame needs a "type".' });
    const { type, ref } = envelope.data;
    const withRef = ref === undefined ? {} : { ref };
    if (type === 'ping') return this.send({ type: 'pong', ...withRef });
    const route = this.registry.frameRoute(type);
    if (!route)
      return this.send({ type: 'error', code: 'unknown_frame', message: `Unknown frame type "${type}".`, ...withRef });
    const frame = route.schema.safeParse(parsed);
    if (!frame.success) {
      const problems = frame.error.issues.map((i) => `${i.path.join('.') || type}: ${i.message}`).join('; ');
      return this.send({ type: 'error', code: 'invalid_frame', message: problems, ...withRef });
    }
    // the frame is handled for the user as they are now, never as they were when the socket opened
    if (!(await this.current())) {
      return this.send({
        type: 'error',
        code: 'unavailable',
        message: 'Your access could not be checked just now; try again.',
        ...withRef,
      });
    }
    try {
      await route.handler(this, frame.data as never);
    } catch (err) {
      if (err instanceof AppError) {
        this.send({ type: 'error', code: err.code, message: err.message, ...withRef });
      } else {
        this.log.error({ err, frame: type }, 'live frame handler failed');
        this.send({
          type: 'error',
          code: 'internal',
          message: 'Something went wrong on the server; try again.',
          ...withRef,
        });
      }
    }
  }
}

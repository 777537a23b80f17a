import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { clientFrameEnvelope, liveCloseCodes, liveFrameRate, type LiveServerMessage } from '../../../shared/realtime.js';
import type { Actor } from '../../platform/authz.js';
import type { Credential } from '../auth/authenticate.js';
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

/**
 * One console socket: sends messages, and turns each incoming frame into a call of the handler a
 * module registered for its type — rate-limited and validated first, failures answered with an
 * `error` frame that echoes the frame's `ref`, never with a crash.
 */
export class SocketSession implements LiveConnection {
  readonly id = randomUUID();
  readonly openedAt = new Date();
  private readonly budget = new FrameBudget();
  private refusedInARow = 0;
  private answeredPing = true;

  constructor(
    private readonly socket: WebSocket,
    public actor: Actor,
    /** what the socket presented when it opened, checked again at every upkeep */
    readonly credential: Credential | null,
    private readonly registry: LiveRegistry,
    private readonly log: FastifyBaseLogger,
  ) {
    socket.on('pong', () => {
      this.answeredPing = true;
    });
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
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
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
    if (!envelope.success) return this.send({ type: 'error', code: 'invalid_frame', message: 'A frame needs a "type".' });
    const { type, ref } = envelope.data;
    if (type === 'ping') return this.send(ref === undefined ? { type: 'pong' } : { type: 'pong', ref });
    const route = this.registry.frameRoute(type);
    if (!route) return this.send({ type: 'error', code: 'unknown_frame', message: `Unknown frame type "${type}".`, ...(ref === undefined ? {} : { ref }) });
    const frame = route.schema.safeParse(parsed);
    if (!frame.success) {
      const problems = frame.error.issues.map((i) => `${i.path.join('.') || type}: ${i.message}`).join('; ');
      return this.send({ type: 'error', code: 'invalid_frame', message: problems, ...(ref === undefined ? {} : { ref }) });
    }
    try {
      await route.handler(this, frame.data as never);
    } catch (err) {
      if (err instanceof AppError) {
        this.send({ type: 'error', code: err.code, message: err.message, ...(ref === undefined ? {} : { ref }) });
      } else {
        this.log.error({ err, frame: type }, 'live frame handler failed');
        this.send({ type: 'error', code: 'internal', message: 'Something went wrong on the server; try again.', ...(ref === undefined ? {} : { ref }) });
      }
    }
  }
}

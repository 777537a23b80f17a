import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { AgentRelayFrame } from '../../../shared/agent-frames.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import { portalSlugParams } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { sessionCustomerClientFrame, type SessionCustomerServerFrame } from '../../../shared/session-signals.js';
import { AppError } from '../../platform/http/app-error.js';
import type { App, Deps } from '../../platform/http/types.js';
import { assertSameOrigin, FrameBudget } from '../live/index.js';
import { visitorSession } from './access.js';
import { visitorTokenOf } from './portal-routes.js';
import { SocketGate } from '../../platform/realtime/socket-gate.js';
import type { CustomerPeer, SignalRelay } from './signal-relay.js';

type ErrorCode = Extract<SessionCustomerServerFrame, { type: 'error' }>['code'];

/** One frame: a signal of `limits.signalBytes` and its envelope. */
export const customerFrameBytes = limits.signalBytes + 2048;
/** ICE candidates come in bursts: 60 at once, 20 a second after. */
const frameRate = { perSecond: 20, burst: 60 };
const refusalsBeforeClose = 50;

/**
 * The sharing side's session socket — a customer's page, or tandem-agent in a device session: frames
 * handled one at a time in the order sent, each rate-, size- and schema-checked
 * (`sessionCustomerClientFrame`), a bad one answered by an `error` frame. `closed` runs when it closes.
 */
export class SharingPeerSocket implements CustomerPeer {
  private readonly budget = new FrameBudget(frameRate.perSecond, frameRate.burst);
  private refusedInARow = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly sessionId: string,
    private readonly socket: WebSocket,
    private readonly relay: SignalRelay,
    private readonly log: FastifyBaseLogger,
    private readonly closed?: () => void,
  ) {}

  send(frame: SessionCustomerServerFrame | AgentRelayFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Closes the socket (the session is over: the sharing side is told by its close). */
  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  open(): void {
    this.chain = this.relay.arrived(this).catch((err) => this.log.error({ err }, 'session socket: open failed'));
    this.socket.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      const text = isBinary ? null : data.toString();
      this.chain = this.chain
        .then(() => this.receive(text, size))
        .catch((err) => this.log.error({ err }, 'session socket: frame failed'));
    });
    this.socket.on('close', () => {
      this.relay.left(this);
      this.closed?.();
    });
  }

  private refuse(code: ErrorCode, message: string): void {
    if (++this.refusedInARow >= refusalsBeforeClose) return this.socket.close(4429, 'too many refused frames');
    this.send({ type: 'error', code, message });
  }

  private async receive(text: string | null, size: number): Promise<void> {
    if (!this.budget.take()) return this.refuse('rate_limited', 'Too many messages: slow down.');
    if (size > customerFrameBytes)
      return this.refuse('too_large', `A frame may carry at most ${customerFrameBytes} bytes.`);
    if (text === null) return this.refuse('invalid_frame', 'Frames are JSON text.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.refuse('invalid_frame', 'A frame must be one JSON object.');
    }
    const frame = sessionCustomerClientFrame.safeParse(parsed);
    if (!frame.success)
      return this.refuse(
        'invalid_frame',
        frame.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; '),
      );
    this.refusedInARow = 0;
    if (frame.data.type === 'ping') return this.send({ type: 'pong' });
    await this.relay.fromCustomer(this.sessionId, frame.data.peerId, frame.data.signal);
  }
}

/**
 * `GET /api/portal/{slug}/sessions/{id}/socket?token=`: Origin, the chat's visitor token and the
 * per-token and per-address caps checked before the upgrade (403/404/429 refuse it).
 */
export function customerSocketRoute(app: App, { database, config }: Deps, relay: SignalRelay): void {
  const gate = new SocketGate(
    {
      perToken: (limit) =>
        new AppError('rate_limited', `This session is already open in ${limit} windows: close one.`, {
          reason: 'session_sockets_per_token',
          limit,
        }),
      perAddress: (limit) =>
        new AppError('rate_limited', `Too many sessions are open from your network (at most ${limit}).`, {
          reason: 'session_sockets_per_address',
          limit,
        }),
    },
    limits.chatSocketsPerToken,
    limits.chatSocketsPerAddress,
  );
  const admitted = new WeakSet<object>();
  app.route({
    method: 'GET',
    url: '/api/portal/:slug/sessions/:id/socket',
    config: { permission: 'public' },
    schema: {
      tags: ['portal'],
      summary: "The customer's session socket (WebSocket): signalling frames in src/shared/session-signals.ts",
      description: `Authenticated by the visitor token of the session's chat (?token=); a wrong token, session or portal answer 404. Origin must be this server's. A plain GET answers 426. At most ${limits.chatSocketsPerToken} sockets per token and ${limits.chatSocketsPerAddress} per address (429 beyond).`,
      params: portalSlugParams.extend({ id: z.uuid() }),
      querystring: z.object({ token: z.string().max(limits.visitorToken).optional() }),
      response: { 403: errorResponse, 404: errorResponse, 426: errorResponse, 429: errorResponse },
    },
    preValidation: async (request) => assertSameOrigin(request, config.publicUrl),
    preHandler: async (request) => {
      const { slug, id } = request.params as { slug: string; id: string };
      const token = visitorTokenOf(request);
      if (request.ws) gate.assertAddressRoom(request.ip);
      await visitorSession(database.db, slug, id, token);
      if (request.ws) {
        const release = gate.reserve(token!, request.ip);
        const connection = request.raw.socket as typeof request.raw.socket | undefined;
        if (!connection || connection.destroyed) release();
        else connection.once('close', release);
      }
      admitted.add(request);
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This address is a WebSocket: open it with a WebSocket upgrade.');
    },
    wsHandler: (socket, request) => {
      if (!admitted.has(request)) return socket.close(1011, 'not authenticated');
      const { id } = request.params as { id: string };
      new SharingPeerSocket(id, socket, relay, request.log).open();
    },
  });
}

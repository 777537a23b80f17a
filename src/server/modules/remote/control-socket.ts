import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { agentClientFrame, agentFrameBytes, type AgentServerFrame } from '../../../shared/agent-frames.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import type { App } from '../../platform/http/types.js';
import { FrameBudget } from '../live/index.js';
import { agentEndedSession, answerConsent, grantFor, onAgentHello, unknownDevice } from './agent-service.js';
import type { AgentLink, AgentRegistry } from './agent-registry.js';
import type { GrantDeps } from './grant-keys.js';
import { grantPublicKey } from './grant-keys.js';
import * as repo from './repository.js';

const perDevice = (request: FastifyRequest) => request.deviceCredentialHash ?? request.ip ?? 'unknown';

/** An agent sends little: pings, and an answer per session. */
const frameRate = { perSecond: 5, burst: 20 };

/**
 * One agent's control socket: frames handled one at a time in order, each size-, rate- and
 * schema-checked (`agentClientFrame`). The agent is a program: a frame it should never send closes
 * the socket (4400 bad frame, 4429 too many, 1009 too large) and it reconnects; nothing is thrown.
 */
class AgentControlSocket implements AgentLink {
  readonly connectionId = randomUUID();
  private readonly budget = new FrameBudget(frameRate.perSecond, frameRate.burst);
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: repo.RemoteDevice,
    private readonly socket: WebSocket,
    private readonly deps: GrantDeps & { processId: string; registry: AgentRegistry },
    private readonly log: FastifyBaseLogger,
  ) {}

  get deviceId(): string {
    return this.device.id;
  }

  send(frame: AgentServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  open(): void {
    this.socket.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      const text = isBinary ? null : data.toString();
      this.chain = this.chain
        .then(() => this.receive(text, size))
        .catch((err) => this.log.error({ err }, 'agent socket: frame failed'));
    });
    this.socket.on('close', () => {
      this.chain = this.chain
        .then(() => this.closed())
        .catch((err) => this.log.warn({ err }, 'agent socket: its end was not recorded'));
    });
    this.chain = this.hello().catch((err) => {
      this.log.error({ err }, 'agent socket: hello failed');
      this.close(1011, 'hello failed');
    });
  }

  /** Registered (the older socket of the device closed), marked connected, hello sent; a restart asked for resumes. */
  private async hello(): Promise<void> {
    this.deps.registry.add(this)?.close(4000, 'replaced by a newer socket');
    await repo.markConnected(this.deps.db, this.device.id, this.connectionId, this.deps.processId);
    this.send({ type: 'hello', deviceId: this.device.id, grantKey: await grantPublicKey(this.deps) });
    const { follow, resume } = await onAgentHello(this.deps.db, this.device.id);
    for (const sessionId of follow) this.deps.registry.follow(sessionId, this.device.id);
    if (resume) await sendOpen(this.deps, this, resume, 'resume');
    await this.deps.registry.helloed(this);
  }

  private async closed(): Promise<void> {
    if (this.deps.registry.remove(this)) await repo.markDisconnected(this.deps.db, this.device.id, this.connectionId);
  }

  private async receive(text: string | null, size: number): Promise<void> {
    if (size > agentFrameBytes) return this.close(1009, 'frame too large');
    if (!this.budget.take()) return this.close(4429, 'too many frames');
    let parsed: unknown = null;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      // answered below as any frame that is not one
    }
    const frame = agentClientFrame.safeParse(parsed);
    if (!frame.success) return this.close(4400, 'not a control-socket frame');
    const f = frame.data;
    if (f.type === 'ping') {
      // a device revoked while connected loses its socket at its next ping
      if (!(await repo.isDeviceActive(this.deps.db, this.device.id))) return this.close(4401, 'device revoked');
      return this.send({ type: 'pong' });
    }
    if (f.type === 'session.consent') await answerConsent(this.deps.db, this.device, f.sessionId, f.result);
    else await agentEndedSession(this.deps.db, this.device, f.sessionId, f.reason);
  }
}

/** Signs the grant of a session for the agent of this socket and sends it `session.open` (nothing when the session moved on). */
export async function sendOpen(
  deps: GrantDeps & { registry: AgentRegistry },
  link: AgentLink,
  sessionId: string,
  purpose: 'open' | 'resume',
): Promise<void> {
  const grant = await grantFor(deps, link.deviceId, sessionId, purpose);
  if (!grant) return;
  deps.registry.follow(sessionId, link.deviceId);
  link.send({ type: 'session.open', grant });
}

/**
 * `GET /api/agent/live`: the agent's control socket. The device credential is checked before the
 * upgrade (unknown or revoked: 401), so a revoked device never holds one.
 */
export function controlSocketRoute(
  app: App,
  deps: GrantDeps & { db: Db; processId: string; registry: AgentRegistry },
): void {
  const admitted = new WeakMap<object, repo.RemoteDevice>();
  app.route({
    method: 'GET',
    url: '/api/agent/live',
    // per device: many devices may share one address (behind one NAT)
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags: ['agent'],
      summary: "The agent's control socket (WebSocket): frames in src/shared/agent-frames.ts",
      description:
        'Authorization: Device <credential>; a revoked or unknown credential answers 401 before the upgrade. The server says hello (its grant key), sends session.open with a signed grant when a technician opens a session on the device, and session.close when it ends; the agent answers session.consent, session.ended, ping. A frame it should not send closes the socket (4400; 4429 too many; 1009 too large). A newer socket of the same device replaces the older (4000). A plain GET answers 426.',
      response: { 401: errorResponse, 426: errorResponse, 429: errorResponse },
    },
    preHandler: async (request) => {
      const device = await repo.findAgentDevice(deps.db, request.deviceCredentialHash ?? '');
      if (!device) throw unknownDevice();
      admitted.set(request, device);
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This address is a WebSocket: open it with a WebSocket upgrade.');
    },
    wsHandler: (socket, request) => {
      const device = admitted.get(request);
      if (!device) return socket.close(1011, 'not authenticated');
      new AgentControlSocket(device, socket, deps, request.log).open();
    },
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { assertSameOrigin } from '../live/index.js';
import { channels } from '../../platform/realtime/channels.js';
import { findSessionById, SharingPeerSocket, type SignalRelay, watchableSession } from '../sessions/index.js';
import { RelayPipes } from './relay-pipe.js';
import { findAgentSession, type AgentSession } from './transport-repository.js';
import { recordDeviceLink } from './transport-service.js';

const tags = ['remote'];
const upgradeOnly = async () => {
  throw new AppError('upgrade_required', 'This address is a WebSocket: open it with a WebSocket upgrade.');
};
const agentErrors = { 401: errorResponse, 404: errorResponse, 426: errorResponse };
/** A console may open its relay just before its `session.watch` frame is handled: it is waited for this long. */
const watchWaitMs = 3000;

/** Signs a relay grant for the device serving `sessionId`. */
export type SignRelayGrant = (deviceId: string, sessionId: string, relayId: string) => Promise<string>;

/**
 * How a device session's frames travel through the server: the agent's session socket (the
 * sharing side of the session's signalling, as a customer's page is) and the relay sockets joined
 * by `RelayPipes` when the console and the device have no WebRTC path, or none yet.
 */
export async function remoteTransportRoutes(
  app: App,
  { database, config, hub }: Deps,
  signals: SignalRelay,
  signRelay: SignRelayGrant,
): Promise<void> {
  const { db } = database;
  const agents = new Map<string, { deviceId: string; peer: SharingPeerSocket }>();
  const pipes = new RelayPipes(
    (sessionId) => {
      const agent = agents.get(sessionId);
      return agent && { deviceId: agent.deviceId, send: (frame) => agent.peer.send(frame) };
    },
    signRelay,
    app.log,
  );
  signals.onViewerGone((sessionId, peerId) => pipes.closeViewer(sessionId, peerId));
  // a session over (ended, the device revoked): its agent's session socket is closed here, its relays follow
  const stopSessions = await hub.subscribe(channels.sessions, ({ sessionId }) => {
    const agent = agents.get(sessionId);
    if (!agent) return;
    findSessionById(db, sessionId)
      .then((row) => {
        if (row?.status !== 'active') agent.peer.close(4000, 'session over');
      })
      .catch((err) => app.log.warn({ err }, 'remote: a session change was not followed'));
  });
  app.addHook('preClose', async () => {
    stopSessions();
    pipes.closeAll();
  });

  const sessionOfDevice = new WeakMap<FastifyRequest, AgentSession>();
  const agentSession = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const session = await findAgentSession(db, id, request.deviceCredentialHash!);
    if (!session) throw notFound('This session');
    sessionOfDevice.set(request, session);
  };

  app.route({
    method: 'GET',
    url: '/api/agent/sessions/:id/socket',
    config: {
      securityHeaders: false,
      permission: 'agent',
    },
    schema: {
      tags,
      summary: "The device's session socket (WebSocket): the session's signalling, the device being the sharing side",
      description:
        'Authorization: Device <credential>. Only for an active device session of this device (else 404). Frames as the customer’s session socket (src/shared/session-signals.ts), plus `relay` frames (src/shared/agent-frames.ts).',
      security: [],
      params: z.object({ id: z.uuid() }),
      response: agentErrors,
    },
    preHandler: agentSession,
    handler: upgradeOnly,
    wsHandler: (socket, request) => {
      const session = sessionOfDevice.get(request);
      if (!session) return socket.close(1011, 'not authenticated');
      const peer = new SharingPeerSocket(session.id, socket, signals, request.log, () => {
        if (agents.get(session.id)?.peer === peer) agents.delete(session.id);
        recordDeviceLink(db, session, false).catch((err) => request.log.warn({ err }, 'remote: link not recorded'));
      });
      agents.set(session.id, { deviceId: session.deviceId, peer });
      peer.open();
      recordDeviceLink(db, session, true)
        .then(() => pipes.agentArrived(session.id))
        .catch((err) => request.log.warn({ err }, 'remote: agent arrival not handled'));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/agent/sessions/:id/relay/:relayId',
    config: {
      securityHeaders: false,
      permission: 'agent',
    },
    schema: {
      tags,
      summary: "The device's side of a relay (WebSocket): remote-control messages passed to one technician's console",
      description:
        'Authorization: Device <credential>; the relay id comes from a `relay` frame on the session socket. Messages of src/shared/remote/protocol.ts, at most 64 KiB each.',
      security: [],
      params: z.object({ id: z.uuid(), relayId: z.uuid() }),
      response: agentErrors,
    },
    preHandler: agentSession,
    handler: upgradeOnly,
    wsHandler: (socket, request) => {
      const session = sessionOfDevice.get(request);
      const { relayId } = request.params as { relayId: string };
      if (!session || !pipes.agentJoined(session.id, relayId, socket)) socket.close(4404, 'no such relay');
    },
  });

  const watchOf = new WeakMap<FastifyRequest, { sessionId: string; peerId: string }>();
  app.route({
    method: 'GET',
    url: '/api/v1/sessions/:id/relay',
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary: "A technician's relay to the device of a session (WebSocket), when there is no WebRTC path",
      description:
        'For a device session the caller watches on this server process with the live socket whose connection id is `peer` (session.watch first). 404 for a session one cannot watch or with no device; 409 {reason:"relay_elsewhere"} when that live socket is not held by this process. Messages of src/shared/remote/protocol.ts, at most 64 KiB each; closed 4504 when the device does not join within 30 s.',
      params: z.object({ id: z.uuid() }),
      querystring: z.object({ peer: z.string().min(1).max(64) }),
      response: { 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 426: errorResponse },
    },
    preValidation: async (request) => assertSameOrigin(request, config.publicUrl),
    preHandler: async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const { peer } = request.query as { peer: string };
      const session = await watchableSession(db, actor, id);
      if (session.kind !== 'device') throw notFound('This session');
      // a plain GET is answered 426 by the handler; only an upgrade waits for its watch
      if (!request.ws) return;
      for (let waited = 0; ; waited += 100) {
        if (signals.watcher(id, peer)?.actor.userId === actor.userId) break;
        if (waited >= watchWaitMs)
          throw conflict('Watch the session from a live socket of this server before opening its relay.', {
            reason: 'relay_elsewhere',
          });
        await sleep(100);
      }
      watchOf.set(request, { sessionId: id, peerId: peer });
    },
    handler: upgradeOnly,
    wsHandler: (socket, request) => {
      const watch = watchOf.get(request);
      if (!watch) return socket.close(1011, 'not authenticated');
      pipes
        .consoleOpened(watch.sessionId, watch.peerId, socket)
        .catch((err) => request.log.warn({ err }, 'remote: relay not opened'));
    },
  });
}

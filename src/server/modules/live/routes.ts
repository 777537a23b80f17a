import { errorResponse } from '../../../shared/contracts/common.js';
import { liveCloseCodes, livePingIntervalMs } from '../../../shared/realtime.js';
import type { DomainEvent } from '../../../shared/events.js';
import { AppError } from '../../platform/http/app-error.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { domainEventChannel } from '../../platform/events/record.js';
import { credentialOf, recheckCredential } from '../auth/authenticate.js';
import { mayReceive } from './audience.js';
import { assertSameOrigin } from './origin.js';
import { SocketSession } from './socket-session.js';

/**
 * The console's live socket: domain events of the companies a user can see, pushed as they are
 * committed by any process, plus the frames modules register (chat, presence) through `deps.live`.
 */
export async function liveRoutes(app: App, { database, hub, live, config }: Deps) {
  const sessions = new Set<SocketSession>();

  const unsubscribe = await hub.subscribe(domainEventChannel, (payload) => {
    const event = payload as DomainEvent;
    for (const connection of live.connectionsOf(event.accountId)) {
      if (mayReceive(connection.actor, event)) connection.send({ type: 'event', event });
    }
  });
  const stopResync = hub.onReconnect(() => {
    for (const connection of live.all()) connection.send({ type: 'resync' });
  });

  // every ping interval: drop sockets that did not answer the last ping, and check each
  // credential again (signed out, disabled, role or companies changed)
  live.onUpkeep(async () => {
    const checks = [...sessions].map(async (session) => {
      if (!session.pingOrDrop() || !session.credential) return;
      const actor = await recheckCredential(database.db, session.credential).catch((err) => {
        app.log.warn({ err }, 'live socket: could not check a credential');
        return session.actor;
      });
      if (!actor) session.close(liveCloseCodes.unauthenticated, 'signed out');
      else session.actor = actor;
    });
    await Promise.all(checks);
  });
  // signing out closes that session's sockets here at once (other processes: at their next check)
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/auth/logout' || reply.statusCode !== 204) return;
    const ended = credentialOf(request);
    if (ended?.kind !== 'session') return;
    for (const session of sessions) {
      if (session.credential?.kind === 'session' && session.credential.cookie === ended.cookie) session.close(liveCloseCodes.unauthenticated, 'signed out');
    }
  });
  const timer = setInterval(() => void live.runUpkeep(), livePingIntervalMs);
  timer.unref();

  app.addHook('preClose', async () => {
    clearInterval(timer);
    unsubscribe();
    stopResync();
    for (const connection of [...live.all()]) connection.close(liveCloseCodes.goingAway, 'server stopping');
  });

  app.route({
    method: 'GET',
    url: '/api/v1/live',
    config: { permission: 'profile.read' },
    schema: {
      tags: ['live'],
      summary: 'The live socket (WebSocket): events of your companies as they happen, and module frames',
      description:
        'Open with a WebSocket upgrade, authenticated by the session cookie or an API token. Messages are JSON objects with a `type` (see src/shared/realtime.ts). A plain GET answers 426.',
      response: { 426: errorResponse },
    },
    preValidation: async (request) => assertSameOrigin(request, config.publicUrl),
    handler: async () => {
      throw new AppError('upgrade_required', 'This address is a WebSocket: open it with a WebSocket upgrade.');
    },
    wsHandler: (socket, request) => {
      const connection = new SocketSession(socket, actorOf(request), credentialOf(request), live, request.log);
      sessions.add(connection);
      // handlers are attached before anything asynchronous, so no early frame is lost
      let ready = live
        .add(connection)
        .then(() => connection.send({ type: 'hello', connectionId: connection.id, userId: connection.actor.userId }))
        .catch((err) => request.log.error({ err }, 'live socket: open handler failed'));
      socket.on('message', (data, isBinary) => {
        if (isBinary) return connection.send({ type: 'error', code: 'invalid_frame', message: 'Frames are JSON text.' });
        // one frame at a time per socket, in the order sent
        ready = ready.then(() => connection.receive(data.toString()));
      });
      socket.on('close', () => {
        sessions.delete(connection);
        ready = ready.then(() => live.remove(connection)).catch((err) => request.log.error({ err }, 'live socket: close handler failed'));
      });
    },
  });
}

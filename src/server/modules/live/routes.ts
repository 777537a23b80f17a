import { errorResponse } from '../../../shared/contracts/common.js';
import { liveCloseCodes, livePingIntervalMs } from '../../../shared/realtime.js';
import { AppError } from '../../platform/http/app-error.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { credentialOf, recheckCredential } from '../auth/index.js';
import { mayReceive } from './audience.js';
import { assertSameOrigin } from './origin.js';
import { SocketSession } from './socket-session.js';
import { channels } from '../../platform/realtime/channels.js';
import type { IdentityCache } from '../auth/index.js';
import type { LiveConnection } from '../../platform/realtime/live-registry.js';

/** Notices of one account within this time are checked together (one statement may change many rows). */
const identityRecheckDelayMs = 50;
/** The longest pause between two of the upkeep's identity reads (at most half the ping interval in all). */
const upkeepReadGapMs = 50;

/**
 * The console's live socket: domain events of the companies a user can see, pushed as they are
 * committed by any process, plus the frames modules register (chat, presence) through `deps.live`.
 */
export async function liveRoutes(app: App, { database, hub, live, config }: Deps, identities?: IdentityCache) {
  const sessions = new Set<SocketSession>();
  let stopping = false;

  const unsubscribe = await hub.subscribe(channels.events, (event) => {
    // each socket's user as they are now (at once unless their identity just changed)
    for (const connection of live.connectionsOf(event.accountId)) {
      // not awaited: one socket's check does not hold up the others'
      void connection
        .current()
        .then((actor) => {
          if (actor && mayReceive(actor, event)) connection.send({ type: 'event', event });
        })
        .catch((err) => app.log.warn({ err }, 'live socket: event not delivered'));
    }
  });
  const stopResync = hub.onReconnect(() => {
    for (const connection of live.all()) connection.send({ type: 'resync' });
  });

  // an account's identities may have changed (any write its users made here, or a database
  // notice): its sockets re-check their user before their next delivery or frame
  const stopListening = identities?.onChange((accountId) => {
    for (const connection of accountId === null ? live.all() : live.connectionsOf(accountId)) connection.invalidate();
  });
  // what an identity is made of did change (the database's triggers: users, their companies,
  // seats, sessions, tokens, settings, second factors — from any process): the account's sockets
  // re-check by themselves too, closing or dropping follows at once, not only at their next delivery
  const pendingChecks = new Map<string, NodeJS.Timeout>();
  const stopNotices = await hub.subscribe(channels.identity, (payload) => {
    if (typeof payload !== 'string' || payload === '') return;
    for (const connection of live.connectionsOf(payload)) connection.invalidate();
    if (pendingChecks.has(payload)) return;
    const timer = setTimeout(() => {
      pendingChecks.delete(payload);
      // not awaited (a timer): recheckAll never rejects, it logs each socket's failure
      void recheckAll([...live.connectionsOf(payload)]);
    }, identityRecheckDelayMs);
    timer.unref();
    pendingChecks.set(payload, timer);
  });
  /** One socket after another: sockets of one credential share the identity read through the cache. */
  async function recheckAll(connections: LiveConnection[]): Promise<void> {
    for (const connection of connections)
      await connection.current().catch((err) => app.log.warn({ err }, 'live socket: re-check failed'));
  }

  // every ping interval: drop sockets that did not answer the last ping, and check each user
  // again (what the identity cache's time to live lets expire: sessions idle or past their end),
  // one after another while the sockets go on delivering, spread over half the interval at most
  // (the reads of a few hundred technicians in a row still made the other work on the database wait)
  live.onUpkeep(async () => {
    const alive: SocketSession[] = [];
    for (const session of sessions) if (session.pingOrDrop() && session.credential) alive.push(session);
    const gapMs = Math.min(upkeepReadGapMs, livePingIntervalMs / 2 / Math.max(alive.length, 1));
    for (const [index, session] of alive.entries()) {
      if (stopping) return;
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapMs).unref());
      await session.revalidate().catch((err) => app.log.warn({ err }, 'live socket: re-check failed'));
    }
  });
  // signing out closes that session's sockets here at once (other processes: at their next check)
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/auth/logout' || reply.statusCode !== 204)
      return;
    const ended = credentialOf(request);
    if (ended?.kind !== 'session') return;
    for (const session of sessions) {
      if (session.credential?.kind === 'session' && session.credential.cookie === ended.cookie)
        session.close(liveCloseCodes.unauthenticated, 'signed out');
    }
  });
  // a failed upkeep (the database away) is logged; the next interval tries again
  const timer = setInterval(
    () => void live.runUpkeep().catch((err) => app.log.error({ err }, 'live socket upkeep failed')),
    livePingIntervalMs,
  );
  timer.unref();

  app.addHook('preClose', async () => {
    stopping = true;
    clearInterval(timer);
    for (const pending of pendingChecks.values()) clearTimeout(pending);
    stopListening?.();
    stopNotices();
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
      const credential = credentialOf(request);
      const check = credential && (() => recheckCredential(database.db, credential, identities));
      const connection = new SocketSession(
        socket,
        actorOf(request),
        credential,
        live,
        request.log,
        check,
        'profile.read',
      );
      sessions.add(connection);
      // handlers are attached before anything asynchronous, so no early frame is lost
      let ready = live
        .add(connection)
        .then(() => connection.send({ type: 'hello', connectionId: connection.id, userId: connection.actor.userId }))
        .catch((err) => request.log.error({ err }, 'live socket: open handler failed'));
      socket.on('message', (data, isBinary) => {
        if (isBinary)
          return connection.send({ type: 'error', code: 'invalid_frame', message: 'Frames are JSON text.' });
        // one frame at a time per socket, in the order sent
        ready = ready.then(() => connection.receive(data.toString()));
      });
      socket.on('close', () => {
        sessions.delete(connection);
        ready = ready
          .then(() => live.remove(connection))
          .catch((err) => request.log.error({ err }, 'live socket: close handler failed'));
      });
    },
  });
}

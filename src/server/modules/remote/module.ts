import { randomUUID } from 'node:crypto';
import { channels } from '../../platform/realtime/channels.js';
import type { App, Deps } from '../../platform/http/types.js';
import { findSessionById, openStatuses, type SignalRelay } from '../sessions/index.js';
import { grantFor } from './agent-service.js';
import { remoteTransportRoutes } from './transport-routes.js';
import { AgentRegistry, type AgentLink } from './agent-registry.js';
import { controlSocketRoute, sendOpen } from './control-socket.js';
import * as repo from './repository.js';
import { remoteRoutes } from './routes.js';

/**
 * Device sessions in one app: the technicians' routes, the agent's ICE route and control socket.
 * This process's control sockets are kept by device (`AgentRegistry`); an agent command
 * (`channels.agentCommands`, published by whichever process opened the session) is carried out by
 * the process holding that device's socket; a session change (`channels.sessions`) of a session an
 * agent here follows sends it `session.close` once the session is over. When the app closes, its
 * agents are marked disconnected.
 */
export async function remoteModuleRoutes(app: App, deps: Deps, signals: SignalRelay): Promise<AgentAccess> {
  const { db } = deps.database;
  const processId = randomUUID();
  const registry = new AgentRegistry();
  const context = { db, secrets: deps.secrets, processId, registry };
  const warn = (err: unknown) => app.log.warn({ err }, 'device sessions: a notice was not carried out');

  const stopCommands = await deps.hub.subscribe(channels.agentCommands, (command) => {
    const link = registry.get(command.deviceId);
    if (link) void sendOpen(context, link, command.sessionId, command.purpose).catch(warn);
  });
  const stopSessions = await deps.hub.subscribe(channels.sessions, (notice) => {
    const deviceId = registry.deviceOfSession(notice.sessionId);
    if (!deviceId) return;
    void (async () => {
      const row = await findSessionById(db, notice.sessionId);
      if (row && (openStatuses as readonly string[]).includes(row.status)) return;
      registry.unfollow(notice.sessionId);
      registry.get(deviceId)?.send({ type: 'session.close', sessionId: notice.sessionId });
    })().catch(warn);
  });
  app.addHook('preClose', async () => {
    stopCommands();
    stopSessions();
    await repo.markProcessDisconnected(db, processId).catch(warn);
  });

  controlSocketRoute(app, context);
  await remoteTransportRoutes(app, deps, signals, async (deviceId, sessionId, relayId) => {
    const grant = await grantFor(context, deviceId, sessionId, 'relay', relayId);
    if (!grant) throw new Error('the session is not active on this device any more');
    return grant;
  });
  await remoteRoutes(app, deps);
  return {
    linkOf: (deviceId) => registry.get(deviceId),
    onHello: (listener) => registry.onHello(listener),
  };
}

/** This process's agents' control sockets, for modules that send agents other work (script runs). */
export interface AgentAccess {
  /** the device's control socket, if this process holds it */
  linkOf(deviceId: string): AgentLink | undefined;
  /** called after each socket's hello on this process */
  onHello(listener: (link: AgentLink) => Promise<void>): void;
}

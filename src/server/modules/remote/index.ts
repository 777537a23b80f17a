/**
 * The remote module: unattended access to enrolled devices (PRODUCT.md §10), a technician's remote
 * view or control session on a device served by tandem-agent. A device session is a row of the
 * sessions module (`kind: 'device'`, its device and mode): the same log, timeline, recording,
 * invite, transfer and end; this module opens it, answers the device's side and sweeps it.
 *
 * - **Grants** (`grant-keys.ts`): the server's Ed25519 key (`agent_grant_keys`, one row made on
 *   first use by whichever process comes first, its private half sealed by the secret box) signs
 *   every session grant (src/shared/remote/grant.ts): lifetime 60 s, a 24-byte single-use nonce.
 *   Agents pin the public key (`grantPublicKey`), received at enrolment (devices' `AgentPorts`,
 *   filled by app.ts) and in the control socket's hello.
 * - **The control socket** `GET /api/agent/live` (`control-socket.ts`): the device credential is
 *   checked before the upgrade (revoked: 401). `agent-registry.ts` holds this process's sockets by
 *   device (a newer replaces the older) and the sessions each follows; `agent_connections` says for
 *   every process whether a device's agent is connected (written on hello, marked gone on close and
 *   when the app closes). A session opened anywhere publishes `channels.agentCommands`; the process
 *   holding the device's socket signs the grant and sends `session.open` (`resume` after a restart
 *   the technician asked for, within ten minutes); a followed session that ends gets `session.close`.
 * - **Technicians** (`service.ts`, `routes.ts`): what applies before connecting (`GET
 *   /devices/{id}/remote`), opening a session (409 revoked / agent_offline / busy, a seat needed),
 *   actions told before they are done (`POST /sessions/{id}/actions`: files under
 *   `sessions.fileTransferMaxMb`, else 422 `too_large`; a restart), each audited and on the timeline.
 * - **The device's answers** (`agent-service.ts`): consent accepted → active, else ended `refused`;
 *   the agent ending a session → ended `unknown`; the ICE servers of its own active session.
 * - **The sweep** (`sweeps.ts`, worker `device sessions`): a session still waiting past its consent
 *   seconds + 30 s → refused; an active one whose agent has been gone 2 min, no restart pending → ended.
 * - **Other work for agents**: `remoteModuleRoutes` answers `AgentAccess` (this process's sockets by
 *   device, a listener after each hello) and `signForAgent` signs other payloads with the grant key
 *   (the device-scripts module's script grants).
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { grantPublicKey, signForAgent, signGrant, type GrantDeps, type GrantFields } from './grant-keys.js';
export type { AgentLink } from './agent-registry.js';
export { endSessionOfRevokedDevice } from './ending.js';
export { remoteModuleRoutes, type AgentAccess } from './module.js';
export { startRemoteSweep, sweepDeviceSessions } from './sweeps.js';

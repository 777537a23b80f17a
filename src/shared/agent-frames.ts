import { z } from 'zod';
import { limits } from './limits.js';

/**
 * tandem-agent's control socket, `GET /api/agent/live` (header `Authorization: Device <credential>`;
 * no port is opened on the device: the agent connects out and keeps it open, reconnecting with
 * backoff). It carries only what opens and closes device sessions; a session's own signalling
 * goes on the agent's session socket, `GET /api/agent/sessions/{id}/socket` (frames of
 * src/shared/session-signals.ts, the agent being the sharing side, plus `relay` below), and
 * relayed media on `GET /api/agent/sessions/{id}/relay/{relayId}` (src/shared/remote/protocol.ts).
 * Every server frame that opens something carries a grant (src/shared/remote/grant.ts).
 */

const sessionId = z.uuid();
const grant = z.string().min(1).max(4096);

export const agentServerFrame = z.discriminatedUnion('type', [
  /** first frame: the server's grant key (Ed25519 public key, base64url of its 32 bytes) */
  z.object({ type: z.literal('hello'), deviceId: z.uuid(), grantKey: z.string().max(100) }),
  /** a technician asks for a session: consent as the grant says, then open the session socket */
  z.object({ type: z.literal('session.open'), grant }),
  /** a session this agent runs ended (or was refused): close its sockets and peer connections */
  z.object({ type: z.literal('session.close'), sessionId }),
  z.object({ type: z.literal('pong') }),
  /** a device's part of a script run: its signed grant (src/shared/remote/script-grant.ts); the text is fetched with it */
  z.object({ type: z.literal('script.run'), grant }),
]);
export type AgentServerFrame = z.infer<typeof agentServerFrame>;

export const consentResults = ['accepted', 'declined', 'timed_out', 'no_one_to_ask', 'refused_grant'] as const;
export type ConsentResult = (typeof consentResults)[number];

export const agentClientFrame = z.discriminatedUnion('type', [
  /** the consent step's outcome for a session (`allow`: accepted at once; `notify`: accepted, notice shown) */
  z.object({ type: z.literal('session.consent'), sessionId, result: z.enum(consentResults) }),
  /** the agent stops a session itself (the person at the device ended it, or the agent is stopping) */
  z.object({
    type: z.literal('session.ended'),
    sessionId,
    reason: z.enum(['ended_at_device', 'agent_stopping', 'rebooting']),
  }),
  z.object({ type: z.literal('ping') }),
]);
export type AgentClientFrame = z.infer<typeof agentClientFrame>;

/**
 * On the agent's session socket, beside the frames of `sessionCustomerServerFrame`: a technician's
 * console asked for the relay (no WebRTC path, or not yet): open `/relay/{relayId}` with this grant.
 */
export const agentRelayFrame = z.object({
  type: z.literal('relay'),
  relayId: z.string().min(1).max(64),
  /** the watching technician socket this relay serves (the same `peerId` as its signals) */
  peerId: z.string().min(1).max(64),
  grant,
});
export type AgentRelayFrame = z.infer<typeof agentRelayFrame>;

/** Largest control-socket frame. */
export const agentFrameBytes = limits.signalBytes + 2048;

import { z } from 'zod';
import { limits } from './limits.js';
import { customerSessionSchema } from './contracts/sessions.js';

/**
 * Signalling of a remote-support session (WebRTC offers, answers and ICE candidates, and the
 * session's state), on two sockets:
 *
 * - the technician's console live socket (`GET /api/v1/live`), frames prefixed `session.`;
 * - the customer's session socket, `GET /api/portal/{slug}/sessions/{id}/socket?token=<visitor token>`.
 *
 * The customer's page sends the media: it opens one peer connection per watching technician
 * socket (`peerId`, the live socket's connection id), makes the offer, and the technician's page
 * answers. Across processes, signals and state changes travel by NOTIFY.
 */

const sessionId = z.uuid();
/** a watching technician's live connection: one peer connection per technician tab */
const peerId = z.string().min(1).max(64);

export const rtcSignalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('description'),
    description: z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().max(limits.signalBytes) }),
  }),
  z.object({
    kind: z.literal('candidate'),
    /** null: the end of candidates */
    candidate: z
      .object({
        candidate: z.string().max(1024),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
]);
export type RtcSignal = z.infer<typeof rtcSignalSchema>;

// --- the technician's side, on the console live socket ----------------------------------------------

export const sessionClientFrames = {
  /** watch the session (its owner, or an invited technician): the customer's page then offers its screen */
  'session.watch': z.object({ type: z.literal('session.watch'), sessionId }),
  'session.leave': z.object({ type: z.literal('session.leave'), sessionId }),
  /** an answer or a candidate for the customer's peer connection to this socket */
  'session.signal': z.object({ type: z.literal('session.signal'), sessionId, signal: rtcSignalSchema }),
} as const;

export const sessionServerFrame = z.discriminatedUnion('type', [
  /** the session as the customer's side is now (after watch, and at every change) */
  z.object({ type: z.literal('session.state'), sessionId, state: customerSessionSchema }),
  /** an offer or a candidate from the customer's page, for this socket */
  z.object({ type: z.literal('session.signal'), sessionId, signal: rtcSignalSchema }),
  /** this socket no longer watches: the session ended, moved away, or access was lost */
  z.object({
    type: z.literal('session.unwatched'),
    sessionId,
    reason: z.enum(['ended', 'not_found', 'seat_required', 'transferred']),
  }),
]);
export type SessionServerFrame = z.infer<typeof sessionServerFrame>;

// --- the customer's side, on its session socket ------------------------------------------------------

export const sessionCustomerClientFrame = z.discriminatedUnion('type', [
  /** an offer or a candidate for one watching technician socket */
  z.object({ type: z.literal('signal'), peerId, signal: rtcSignalSchema }),
  z.object({ type: z.literal('ping') }),
]);
export type SessionCustomerClientFrame = z.infer<typeof sessionCustomerClientFrame>;

/** `control`: in a device session, this socket's input is applied (the owner's sockets in a `control` session) */
const viewer = z.object({ peerId, name: z.string(), control: z.boolean().optional() });

export const sessionCustomerServerFrame = z.discriminatedUnion('type', [
  /** first frame: the session and the technician sockets watching now */
  z.object({ type: z.literal('hello'), session: customerSessionSchema, viewers: z.array(viewer) }),
  /** the session changed (consent, sharing, recording, watchers, end) */
  z.object({ type: z.literal('session'), session: customerSessionSchema }),
  /** a technician socket started (`present`) or stopped watching: open or close its peer connection */
  z.object({ type: z.literal('viewer'), viewer, present: z.boolean() }),
  /** an answer or a candidate from one technician socket */
  z.object({ type: z.literal('signal'), peerId, signal: rtcSignalSchema }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['invalid_frame', 'too_large', 'rate_limited', 'not_found', 'closed']),
    message: z.string(),
  }),
]);
export type SessionCustomerServerFrame = z.infer<typeof sessionCustomerServerFrame>;

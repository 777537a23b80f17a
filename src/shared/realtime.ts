import { z } from 'zod';
import type { DomainEvent } from './events.js';
import { limits } from './limits.js';
import {
  chatMessageSchema,
  clientMessageIdSchema,
  messageBodySchema,
  offlineReasons,
  queueStateSchema,
  requestStatuses,
  supportRequestSchema,
} from './contracts/support-requests.js';

/**
 * What travels on the console's live socket (`GET /api/v1/live`). Every frame is one JSON object
 * with a `type`. Modules add their own frame types here (client → server frames validated by the
 * schema they register with the live registry; server → client messages typed below).
 */

/** Largest frame a client may send; bigger frames close the socket (code 1009). */
export const liveMaxFrameBytes = 64 * 1024;
/** Frames a client may send per second on average, and in a burst. */
export const liveFrameRate = { perSecond: 20, burst: 40 };
/** How often the server pings; a socket that misses a pong is closed. */
export const livePingIntervalMs = 25_000;

/** Close codes the console understands. */
export const liveCloseCodes = {
  /** the session ended or the user was disabled: sign in again */
  unauthenticated: 4401,
  /** the user may no longer use this socket (a role without the permission, a second factor to enrol first): reload the page */
  forbidden: 4403,
  /** too many frames */
  rateLimited: 4429,
  /** the server is stopping: reconnect */
  goingAway: 1001,
} as const;

/** Any client frame: a type, and what that type's schema asks. */
export const clientFrameEnvelope = z
  .object({ type: z.string().min(1).max(64), ref: z.string().max(64).optional() })
  .passthrough();

export type LiveServerMessage =
  /** first message after connecting */
  | { type: 'hello'; connectionId: string; userId: string }
  /** a domain event in a company the user can see */
  | { type: 'event'; event: DomainEvent }
  /** real-time messages may have been missed (the server lost its database connection): refetch */
  | { type: 'resync' }
  /** answer to `ping` */
  | { type: 'pong'; ref?: string }
  /** a frame was refused; `ref` echoes the frame's own `ref` */
  | {
      type: 'error';
      code:
        | 'invalid_frame'
        | 'unknown_frame'
        | 'rate_limited'
        | 'forbidden'
        | 'not_found'
        | 'conflict'
        | 'internal'
        | string;
      message: string;
      ref?: string;
    }
  /** module messages (chat, presence…): declared by their modules */
  | { type: string; [key: string]: unknown };

// --- support chat (customer socket and `support.*` frames on the live socket) ---------------------

const seqSchema = z.number().int().min(0);
const requestId = z.uuid();

/** Error codes of chat frames; `ref` repeats the clientId of the message refused, when there is one. */
export const chatErrorCodes = [
  'invalid_frame',
  'too_large',
  'rate_limited',
  'not_allowed',
  'closed',
  'not_found',
  'unavailable',
] as const;

/**
 * The customer's socket: `GET /api/portal/{slug}/requests/{id}/socket?token=<visitor token>`
 * (Origin checked, token verified and the per-token and per-address socket caps applied before the upgrade; 401/403/404/429 refuse it). On open the
 * server sends `hello`; the client then sends `resume` with the highest seq it holds, and
 * receives every later message in order (nothing lost, nothing twice).
 */
export const customerClientFrame = z.discriminatedUnion('type', [
  /** replay every message with seq > afterSeq, then live ones */
  z.object({ type: z.literal('resume'), afterSeq: seqSchema }),
  /** a message: stored, then acknowledged by `ack` with its seq; resending the same clientId is safe */
  z.object({
    type: z.literal('message'),
    clientId: clientMessageIdSchema,
    body: messageBodySchema,
    attachmentId: z.uuid().optional(),
  }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  /** the customer has read up to this seq */
  z.object({ type: z.literal('read'), seq: seqSchema }),
  z.object({ type: z.literal('ping') }),
]);
export type CustomerClientFrame = z.infer<typeof customerClientFrame>;

export const customerServerFrame = z.discriminatedUnion('type', [
  /** first frame after the upgrade: the request as it is, and the last seq stored */
  z.object({
    type: z.literal('hello'),
    requestId,
    status: z.enum(requestStatuses),
    lastSeq: seqSchema,
    queue: queueStateSchema.nullable(),
    technicianName: z.string().nullable(),
  }),
  z.object({ type: z.literal('message'), message: chatMessageSchema }),
  /** the message with this clientId is stored as `seq` */
  z.object({ type: z.literal('ack'), clientId: z.string(), seq: z.number().int(), messageId: z.uuid() }),
  z.object({ type: z.literal('typing'), typing: z.boolean(), name: z.string().nullable() }),
  /** the technician side has read up to seq */
  z.object({ type: z.literal('read'), seq: seqSchema }),
  /** position in the live queue and estimated wait, pushed whenever they change */
  z.object({ type: z.literal('queue'), queue: queueStateSchema }),
  /**
   * The request changed: accepted (`active`, with the technician's name), became an offline
   * question (`offline`, with the reason and the offline message), answered, or closed.
   */
  z.object({
    type: z.literal('status'),
    status: z.enum(requestStatuses),
    technicianName: z.string().nullable(),
    offlineReason: z.enum(offlineReasons).nullable(),
    offlineMessage: z.string().nullable(),
  }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), code: z.enum(chatErrorCodes), message: z.string(), ref: z.string().nullable() }),
]);
export type CustomerServerFrame = z.infer<typeof customerServerFrame>;

/**
 * Technician frames on the console live socket (`GET /api/v1/live`), all prefixed `support.`.
 * A technician subscribes to the chats they have open (and writes in them over HTTP,
 * `POST /api/v1/support-requests/{id}/messages`: there is no message frame); the queue itself (request created,
 * accepted, taken by another, closed) reaches every technician who can take it.
 */
export const supportClientFrames = {
  /** follow one request's chat, replaying messages after `afterSeq` (Remote Support seat; its company visible) */
  'support.subscribe': z.object({ type: z.literal('support.subscribe'), requestId, afterSeq: seqSchema }),
  'support.unsubscribe': z.object({ type: z.literal('support.unsubscribe'), requestId }),
  'support.typing': z.object({ type: z.literal('support.typing'), requestId, typing: z.boolean() }),
  'support.read': z.object({ type: z.literal('support.read'), requestId, seq: seqSchema }),
} as const;

export const supportServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('support.message'), requestId, message: chatMessageSchema }),
  z.object({ type: z.literal('support.typing'), requestId, typing: z.boolean(), name: z.string().nullable() }),
  /** `by` the customer or the technician side has read up to seq */
  z.object({ type: z.literal('support.read'), requestId, by: z.enum(['customer', 'technician']), seq: seqSchema }),
  /**
   * The queue changed: `created` (a new live request: play the sound, notify), `accepted` (by you
   * or another: `takenBy`), `transferred`, `offline` (left the queue), `answered`, `closed`.
   * `request` is the list item as you may see it.
   */
  z.object({
    type: z.literal('support.request'),
    change: z.enum(['created', 'accepted', 'transferred', 'offline', 'answered', 'closed']),
    request: supportRequestSchema,
    takenBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
  /**
   * Customers wrote in these requests, each one you can see: their unread counts and last message
   * times moved (a reply to an answered question also makes it offline again). The requests of
   * one second come together, in one frame at most once a second: read the lists again.
   */
  z.object({ type: z.literal('support.new_messages'), requestIds: z.array(requestId).min(1) }),
  /**
   * You no longer follow this request: it left your companies (`not_found`) or you lost the seat
   * its kind needs (`seat_required`). Nothing more of it is pushed; REST answers 404 or 403 alike.
   */
  z.object({ type: z.literal('support.unfollowed'), requestId, reason: z.enum(['not_found', 'seat_required']) }),
]);
// A refused technician frame is answered by the live socket's own `error` frame, whose `ref`
// echoes the frame's `ref`.
export type SupportServerFrame = z.infer<typeof supportServerFrame>;

/** Bounds of chat sockets, the same on both sides. */
export const chatSocketLimits = {
  /** bytes of one frame */
  maxFrameBytes: limits.chatFrameBytes,
  /** frames per second a client may send, on average over `rateWindowMs` */
  framesPerWindow: 40,
  rateWindowMs: 10_000,
} as const;

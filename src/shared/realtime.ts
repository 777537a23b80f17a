import { z } from 'zod';
import type { DomainEvent } from './events.js';

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
  /** too many frames */
  rateLimited: 4429,
  /** the server is stopping: reconnect */
  goingAway: 1001,
} as const;

/** The frames every client may send, whatever modules add. */
export const basicClientFrame = z.object({ type: z.literal('ping'), ref: z.string().max(64).optional() });

/** Any client frame: a type, and what that type's schema asks. */
export const clientFrameEnvelope = z.object({ type: z.string().min(1).max(64), ref: z.string().max(64).optional() }).passthrough();

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
  | { type: 'error'; code: 'invalid_frame' | 'unknown_frame' | 'rate_limited' | 'forbidden' | 'not_found' | 'conflict' | 'internal' | string; message: string; ref?: string }
  /** module messages (chat, presence…): declared by their modules */
  | { type: string; [key: string]: unknown };

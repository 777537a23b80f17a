import type { Queryable } from '../../platform/db/pool.js';
import { publish } from '../../platform/realtime/publish.js';

/** A technician's presence changed (status, capacity, a socket opened or closed, signed out). */
export const presenceChannel = 'tandem_presence';

export interface PresenceNotice {
  accountId: string;
  userId: string;
}

/** Announced to every process (at commit inside a transaction): live queues recompute their estimates. */
export function announcePresence(q: Queryable, notice: PresenceNotice): Promise<void> {
  return publish(q, presenceChannel, notice);
}

import type { Queryable } from '../../platform/db/pool.js';
import { channels, type PresenceNotice } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';

/** Announced to every process (at commit inside a transaction): live queues recompute their estimates. */
export function announcePresence(q: Queryable, notice: PresenceNotice): Promise<void> {
  return publish(q, channels.presence, notice);
}

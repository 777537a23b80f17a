import type { Queryable } from '../../platform/db/pool.js';
import { channels, type SessionNotice } from '../../platform/realtime/channels.js';
import { publish, publishMany } from '../../platform/realtime/publish.js';

export type { SessionNotice } from '../../platform/realtime/channels.js';

/**
 * A session changed (joined, consent, sharing, recording, watchers, owner, end): announced to every
 * process when the transaction commits, so the customer's socket and the technicians' sockets follow.
 */
export function announceSession(tx: Queryable, change: SessionNotice): Promise<void> {
  return publish(tx, channels.sessions, change);
}

/** Several sessions changed (a sweep): one statement announces them all. */
export function announceSessions(tx: Queryable, changes: readonly SessionNotice[]): Promise<void> {
  return publishMany(tx, channels.sessions, changes);
}

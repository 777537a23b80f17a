import type { SessionEventType } from '../../../shared/contracts/sessions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { insertSessionEvents } from './repository.js';

export interface NewSessionEvent {
  sessionId: string;
  type: SessionEventType;
  side: 'technician' | 'customer' | 'system';
  /** the technician who did it (null for the customer and the server) */
  actorId?: string | null;
  /** small facts: ids, an outcome, a size; never text a person typed at length */
  data?: Record<string, unknown>;
}

const rowOf = (event: NewSessionEvent) => ({
  sessionId: event.sessionId,
  type: event.type,
  side: event.side,
  actorId: event.actorId ?? null,
  data: event.data ?? {},
});

/** Appends to a session's timeline, in the transaction of the change it records. */
export async function recordSessionEvent(tx: Queryable, event: NewSessionEvent): Promise<void> {
  await insertSessionEvents(tx, [rowOf(event)]);
}

/** Appends to several timelines in one statement (a sweep's changes). */
export async function recordSessionEvents(tx: Queryable, events: readonly NewSessionEvent[]): Promise<void> {
  await insertSessionEvents(tx, events.map(rowOf));
}

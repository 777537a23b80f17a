import { and, eq, sql } from 'drizzle-orm';
import type { RtcSignal } from '../../../shared/session-signals.js';
import type { Queryable } from '../../platform/db/pool.js';
import { channels } from '../../platform/realtime/channels.js';
import { sessionSignals } from './tables.js';

/**
 * What a row of `support_session_signals` carries: a WebRTC signal; a technician socket's presence
 * (to the customer); or a customer socket's arrival (to `watchers`: every process announces its
 * watching sockets again).
 */
export type SignalPayload =
  { signal: RtcSignal } | { viewer: { name: string; present: boolean; control?: boolean } } | { arrived: true };

export interface StoredSignal {
  sessionId: string;
  toPeer: string;
  fromPeer: string;
  payload: SignalPayload;
}

/**
 * Stores a signal and tells every process by NOTIFY (`channels.sessionSignals`, with the row's id,
 * its recipient and the storing process), in one statement: an SDP larger than a NOTIFY payload
 * crosses processes too.
 */
export async function sendSignal(db: Queryable, signal: StoredSignal, origin: string): Promise<void> {
  await db.execute(sql`
    with stored as (
      insert into ${sessionSignals} (session_id, to_peer, from_peer, payload)
      values (${signal.sessionId}, ${signal.toPeer}, ${signal.fromPeer}, ${JSON.stringify(signal.payload)}::jsonb)
      returning id, session_id, to_peer
    )
    select pg_notify(${channels.sessionSignals.name},
      json_build_object('sessionId', session_id, 'id', id::text, 'toPeer', to_peer, 'origin', ${origin}::text)::text)
    from stored`);
}

/** One stored signal, by the id and session its notice named. */
export async function loadSignal(db: Queryable, sessionId: string, id: string): Promise<StoredSignal | null> {
  const [row] = await db
    .select({
      sessionId: sessionSignals.sessionId,
      toPeer: sessionSignals.toPeer,
      fromPeer: sessionSignals.fromPeer,
      payload: sessionSignals.payload,
    })
    .from(sessionSignals)
    .where(and(eq(sessionSignals.id, BigInt(id)), eq(sessionSignals.sessionId, sessionId)))
    .limit(1);
  return row ? { ...row, payload: row.payload as SignalPayload } : null;
}

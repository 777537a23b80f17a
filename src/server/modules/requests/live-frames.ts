import { supportClientFrames } from '../../../shared/realtime.js';
import type { Db } from '../../platform/db/pool.js';
import type { LiveRegistry } from '../../platform/realtime/live-registry.js';
import type { SupportFanout } from './fanout.js';
import { announceChat } from './announce.js';
import { followable, technicianRead } from './service.js';

/**
 * The technician's side of the chat, on the console live socket: follow a request (replaying
 * after a seq), typing and read state. Messages are written over HTTP only
 * (`POST /api/v1/support-requests/{id}/messages`); a `support.message` frame sent here is an
 * unknown frame like any other. A refused frame
 * is answered by the live socket's `error` frame echoing the frame's `ref`. Each frame is checked
 * by the REST rule for the user as they are when it arrives (`connection.actor` is re-checked
 * before the frame is handled whenever their identity changed).
 */
export function registerSupportFrames(live: LiveRegistry, db: Db, fanout: SupportFanout): void {
  live.onFrame('support.subscribe', supportClientFrames['support.subscribe'], async (connection, frame) => {
    const request = await followable(db, connection.actor, frame.requestId);
    await fanout.follow(connection, request, frame.afterSeq);
  });
  live.onFrame('support.unsubscribe', supportClientFrames['support.unsubscribe'], (connection, frame) => {
    fanout.unfollow(connection, frame.requestId);
  });
  live.onFrame('support.typing', supportClientFrames['support.typing'], async (connection, frame) => {
    await followable(db, connection.actor, frame.requestId);
    await announceChat(db, {
      requestId: frame.requestId,
      event: 'typing',
      side: 'technician',
      typing: frame.typing,
      name: connection.actor.name,
    });
  });
  live.onFrame('support.read', supportClientFrames['support.read'], async (connection, frame) => {
    await technicianRead(db, connection.actor, frame.requestId, frame.seq);
  });
}

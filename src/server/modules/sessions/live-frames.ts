import { sessionClientFrames } from '../../../shared/session-signals.js';
import type { LiveRegistry } from '../../platform/realtime/live-registry.js';
import type { SignalRelay } from './signal-relay.js';

/**
 * The technician's side of a session on the console live socket: watch, leave, and signals for
 * the customer's page. Each frame is checked by `watchableSession` for the user as they are when it
 * arrives (the live socket re-checks `connection.actor` first whenever their identity changed); a
 * refusal is the live socket's `error` frame (not_found, forbidden, conflict) echoing the `ref`.
 */
export function registerSessionFrames(live: LiveRegistry, relay: SignalRelay): void {
  live.onFrame('session.watch', sessionClientFrames['session.watch'], (connection, frame) =>
    relay.watch(connection, frame.sessionId),
  );
  live.onFrame('session.leave', sessionClientFrames['session.leave'], (connection, frame) =>
    relay.unwatch(connection, frame.sessionId),
  );
  live.onFrame('session.signal', sessionClientFrames['session.signal'], (connection, frame) =>
    relay.fromTechnician(connection, frame.sessionId, frame.signal),
  );
  live.onClose((connection) => relay.closed(connection));
  live.onRefresh((connection) => relay.recheck(connection));
}

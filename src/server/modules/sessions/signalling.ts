import { channels } from '../../platform/realtime/channels.js';
import type { App, Deps } from '../../platform/http/types.js';
import { customerSocketRoute } from './customer-socket.js';
import { PerSessionQueue } from './per-session-queue.js';
import { registerSessionFrames } from './live-frames.js';
import { SignalRelay } from './signal-relay.js';

/**
 * Signalling between a customer's page and the watching technicians' live sockets, across
 * processes. Each process holds some customer session sockets (`customer-socket.ts`) and some
 * technician sockets watching sessions (`live-frames.ts`: `session.watch`); `signal-relay.ts` keeps
 * both by session. A message goes at once to the sockets of the process it came in on, then is
 * stored as a row of `support_session_signals` (`to_peer`: `customer`, a technician socket's live
 * connection id, or `watchers`) announced by NOTIFY `channels.sessionSignals` {sessionId, id,
 * toPeer, origin}; every other process's listener loads the row only when it holds a socket it is
 * for, and delivers it:
 *
 * - a WebRTC signal: the customer's `signal {peerId}` goes to that technician socket as
 *   `session.signal`; a technician's `session.signal` goes to the customer's sockets, `peerId` being
 *   the sending socket's connection id;
 * - a viewer's presence (`{viewer:{name,present}}`, to `customer`): written on `session.watch`
 *   (present) and on `session.leave`, the socket's close or lost access (absent);
 * - a customer's arrival (`{arrived:true}`, to `watchers`, from the process's own id): the new
 *   socket's `hello` lists the viewers of its own process, and every other process answers by
 *   writing the presence of each socket it has watching that session, so viewers on any process
 *   reach a customer who connects after them.
 *
 * Session changes (`channels.sessions`, from `announce.ts`) push `session` to the customer's
 * sockets and re-check each watching technician socket with `watchableSession`: still allowed →
 * `session.state`; else `session.unwatched` (ended, not_found, seat_required, transferred) and the
 * watch is dropped (its absence told to the customer). A user whose identity changed is re-checked
 * the same way (the live registry's refresh), and every session held is pushed again when the
 * notification connection comes back (notices sent meanwhile are lost). One session's signals are delivered in the order
 * they were sent: a socket's frames are handled one after another, and each process loads other processes' rows
 * one after another. Rows older than a minute are removed by the sweep.
 */
export async function startSessionSignalling(
  app: App,
  deps: Deps,
): Promise<{ relay: SignalRelay; stop(): Promise<void> }> {
  const relay = new SignalRelay(deps.database.db, app.log);
  const warn = (err: unknown) => app.log.warn({ err }, 'session signalling: a notice was not delivered');
  // one session's signals are delivered in the order they were stored (an offer before its candidates)
  const inOrder = new PerSessionQueue(warn);
  const stopSignals = await deps.hub.subscribe(channels.sessionSignals, (notice) => {
    void inOrder.push(notice.sessionId, () => relay.onSignal(notice));
  });
  const stopSessions = await deps.hub.subscribe(channels.sessions, (notice) => {
    void relay.onSession(notice).catch(warn);
  });
  const stopResync = deps.hub.onReconnect(() => void relay.resync().catch(warn));
  registerSessionFrames(deps.live, relay);
  customerSocketRoute(app, deps, relay);
  return {
    relay,
    stop: async () => {
      stopSignals();
      stopSessions();
      stopResync();
    },
  };
}

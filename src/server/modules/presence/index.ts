/**
 * The presence module: technicians' status, capacity and availability (`online_until` renewed while a live
 * socket is open, a grace period after the last one closes — signing out closes that session's live sockets at
 * once, in `live/routes.ts`), `/me/presence`, `/presence`; every change is announced on `tandem_presence`
 * (`announce.ts`) so waiting customers' estimates follow
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export {
  countAvailable,
  countAvailableAmong,
  markOnline,
  presenceOf,
  someonePresent,
  upsertPresence,
} from './repository.js';
export { presenceRoutes } from './routes.js';
export { presenceGraceMs, trackPresence } from './service.js';

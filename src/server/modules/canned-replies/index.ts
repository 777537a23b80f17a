/**
 * The canned-replies module: saved answers a technician inserts in a chat by a shortcut — account-wide and
 * company replies (administrators), personal ones (each technician); the list usable in one chat (the account's,
 * the request's company's and the technician's own), audited changes.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { cannedReplyRoutes } from './routes.js';

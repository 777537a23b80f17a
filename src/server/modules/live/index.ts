/**
 * The live module: the console's live socket `GET /api/v1/live` (WebSocket): Origin check, authentication by the
 * usual hook, domain events filtered per user (`audience.ts`: account, permission per event type, company
 * access), module frames validated and rate-limited (`socket-session.ts`); each socket's user is re-checked as
 * REST would see them (through the identity cache, including a second factor to enrol) as soon as the identity
 * cache says their account may have changed (any write of its users) — before the next delivery or frame — and
 * by itself on the database's `tandem_identity` notice (a user, company access, seat, session, token, setting or
 * second factor did change): signed out or disabled → closed 4401, a second factor to enrol or a role without
 * the permission → 4403, a changed role, companies or seats → the registry's refresh handlers drop what it may
 * no longer follow; dead sockets dropped every ping interval; Origin compared by scheme, host and port
 * (`origin.ts`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { assertSameOrigin } from './origin.js';
export { liveRoutes } from './routes.js';
export { FrameBudget } from './socket-session.js';

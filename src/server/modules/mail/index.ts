/**
 * The mail module: the outbox and delivery log API (`/outbox`, "retry now")
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { outboxRoutes } from './routes.js';

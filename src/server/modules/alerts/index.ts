/**
 * The alerts module: alert rules (event, companies, delay, recipients and their method kinds, urgent; rules on
 * account-wide events — seat limit, throttled sign-ins, `accountWideEvents` — watch every company, a list is
 * refused); `engine.ts` reads the `domain_events` not yet handled, exactly once across processes (a cursor row
 * locked `FOR UPDATE SKIP LOCKED`; above it, handled ids are marked in `alert_handled_events`, so an id
 * committed after a larger one is still read; the cursor moves once no transaction of that time is left), opens
 * conditions (one per rule and subject: duplicates counted, not sent), fires them when their delay runs out
 * (`fireDueConditions`: a pg-boss job at each condition's due time, and a cron every minute as the safety net),
 * recovery notices when they clear; `send.ts` writes one message per verified, enabled method in the contact's
 * language, held by quiet hours unless urgent; `worker.ts` wires NOTIFY and the cron; functions take `now`
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { fireDueConditions, processEvents } from './engine.js';
export { rulesUsingContact } from './repository.js';
export { createRule } from './service.js';
export { alertRoutes } from './routes.js';
export { startAlerts } from './worker.js';

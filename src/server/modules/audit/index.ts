/**
 * The audit module: `recordAudit(tx, ctx, entry)` and the audit log API (filters, cursor, CSV; each event with its
 * object's name, read in the page's one statement: `object-names.ts`); append-only by trigger. The names people
 * read for actions and object types are the console's (`shared/audit-catalogue.ts`, `i18n/audit.*.json`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { presentAuditEvent } from './presenter.js';
export { auditRow, recordAudit, systemContext } from './record.js';
export type { AuditContext } from './record.js';
export { listAuditEvents } from './repository.js';
export { auditRoutes } from './routes.js';

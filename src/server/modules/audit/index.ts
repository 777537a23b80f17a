/**
 * The audit module: `recordAudit(tx, ctx, entry)` and the audit log API (filters, cursor, CSV); append-only by
 * trigger
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { presentAuditEvent } from './presenter.js';
export { auditRow, recordAudit, systemContext } from './record.js';
export type { AuditContext } from './record.js';
export { listAuditEvents } from './repository.js';
export { auditRoutes } from './routes.js';

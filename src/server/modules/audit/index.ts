// The audit module's public surface: other code imports this module only from here (or its tables.ts).
export { presentAuditEvent } from './presenter.js';
export { auditRow, recordAudit, systemContext } from './record.js';
export type { AuditContext } from './record.js';
export { listAuditEvents } from './repository.js';
export { auditRoutes } from './routes.js';

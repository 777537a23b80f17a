import type { AuditEvent } from '../../../shared/contracts/audit.js';
import type { AuditRow } from './repository.js';

export function presentAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    objectName: row.objectName,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
  };
}

export const auditCsvHeader = [
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'object_type',
  'object_id',
  'before',
  'after',
  'ip',
];

export function auditCsvValues(e: AuditEvent): unknown[] {
  return [
    e.id,
    e.occurredAt,
    e.actorType,
    e.actorId,
    e.actorName,
    e.action,
    e.objectType,
    e.objectId,
    e.before,
    e.after,
    e.ip,
  ];
}

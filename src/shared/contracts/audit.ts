import { z } from 'zod';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: timestamp,
  actorType: z.enum(['user', 'apiToken', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** the object's name now (a user's, company's, device's...), or as its event recorded it; null when it has none */
  objectName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditFilterQuery = z.object({
  actorId: z.uuid().optional(),
  action: z.string().trim().max(limits.auditAction).optional(),
  objectType: z.string().trim().max(limits.objectType).optional(),
  objectId: z.string().trim().max(limits.objectId).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

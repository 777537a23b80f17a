import { z } from 'zod';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

export const outboxStatuses = ['queued', 'sending', 'sent', 'failed', 'held'] as const;

export const outboxMessageSummary = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms', 'voice']),
  kind: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** when the next try is due (a retry's backoff), or when quiet hours end */
  nextAttemptAt: timestamp,
  urgent: z.boolean(),
  contactId: z.uuid().nullable(),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
});

export const outboxMessage = outboxMessageSummary.extend({
  bodyText: z.string(),
  bodyHtml: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxChannels = ['email', 'sms', 'voice'] as const;

export const outboxFilterQuery = z.object({
  status: z.enum(outboxStatuses).optional(),
  channel: z.enum(outboxChannels).optional(),
  recipient: z.string().trim().max(limits.email).optional(),
  kind: z.string().trim().max(limits.auditAction).optional(),
});

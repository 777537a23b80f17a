import type { OutboxMessage } from '../../../shared/contracts/outbox.js';
import type { OutboxRow } from './repository.js';

export type OutboxSummary = Omit<OutboxMessage, 'bodyText' | 'bodyHtml'>;

/** A message as the delivery log lists it (without its text). */
export function presentOutboxSummary(m: OutboxRow): OutboxSummary {
  return {
    id: m.id,
    channel: m.channel,
    kind: m.kind,
    recipient: m.recipient,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    urgent: m.urgent,
    contactId: m.contactId,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}

/** One message with its text and HTML. */
export function presentOutboxMessage(m: OutboxRow): OutboxMessage {
  return { ...presentOutboxSummary(m), bodyText: m.bodyText, bodyHtml: m.bodyHtml };
}

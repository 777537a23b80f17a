import type { DomainEventType } from '../../../shared/events.js';
import type { Queryable } from '../db/pool.js';
import { publish } from '../realtime/publish.js';
import { domainEvents } from './tables.js';

/** Channel on which every recorded event is announced (after its transaction commits). */
export const domainEventChannel = 'tandem_events';

export interface NewDomainEvent {
  accountId: string;
  companyId: string | null;
  type: DomainEventType;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Records a domain event in the caller's transaction and announces it to every process once the
 * transaction commits. Consumers that must not miss one (alert rules) read the table after the
 * last id they handled; live consoles just listen.
 */
export async function recordEvent(tx: Queryable, event: NewDomainEvent): Promise<string> {
  const [row] = await tx
    .insert(domainEvents)
    .values({ accountId: event.accountId, companyId: event.companyId, type: event.type, subjectId: event.subjectId ?? null, payload: event.payload ?? {} })
    .returning({ id: domainEvents.id, occurredAt: domainEvents.occurredAt });
  const id = String(row!.id);
  await publish(tx, domainEventChannel, {
    id,
    accountId: event.accountId,
    companyId: event.companyId,
    type: event.type,
    subjectId: event.subjectId ?? null,
    payload: event.payload ?? {},
    occurredAt: row!.occurredAt.toISOString(),
  });
  return id;
}

import type { DomainEventType } from '../../../shared/events.js';
import { oneRow } from '../db/one-row.js';
import type { Queryable } from '../db/pool.js';
import { channels } from '../realtime/channels.js';
import { publishMany } from '../realtime/publish.js';
import { insertDomainEvents } from './repository.js';

export interface NewDomainEvent {
  accountId: string;
  companyId: string | null;
  type: DomainEventType;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
}

/** The most events one statement writes: far below PostgreSQL's 65,535 bind parameters. */
const eventsPerStatement = 1_000;

/**
 * Records a domain event in the caller's transaction and announces it to every process once the
 * transaction commits. Consumers that must not miss one (alert rules) read the table after the
 * last id they handled; live consoles just listen.
 */
export async function recordEvent(tx: Queryable, event: NewDomainEvent): Promise<string> {
  return oneRow(await recordEvents(tx, [event]), 'recording an event');
}

/**
 * Records many events at once, in order (ids increase in the order given), in a few statements
 * whatever their number: what a mass transition (a site losing its network) needs.
 */
export async function recordEvents(tx: Queryable, events: readonly NewDomainEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < events.length; start += eventsPerStatement) {
    const chunk = events.slice(start, start + eventsPerStatement);
    const rows = await insertDomainEvents(
      tx,
      chunk.map((e) => ({
        accountId: e.accountId,
        companyId: e.companyId,
        type: e.type,
        subjectId: e.subjectId ?? null,
        payload: e.payload ?? {},
      })),
    );
    await publishMany(
      tx,
      channels.events,
      chunk.map((e, i) => {
        const row = rows[i];
        if (!row) throw new Error(`event ${i} of ${chunk.length} was not stored`);
        return {
          id: String(row.id),
          accountId: e.accountId,
          companyId: e.companyId,
          type: e.type,
          subjectId: e.subjectId ?? null,
          payload: e.payload ?? {},
          occurredAt: row.occurredAt.toISOString(),
        };
      }),
    );
    ids.push(...rows.map((r) => String(r.id)));
  }
  return ids;
}

import { sql, type SQL } from 'drizzle-orm';
import type { DomainEventType } from '../../../shared/events.js';
import { oneRow } from '../db/one-row.js';
import type { Queryable } from '../db/pool.js';
import { channels } from '../realtime/channels.js';
import { notifyExpression, publishMany } from '../realtime/publish.js';
import { insertDomainEvents } from './repository.js';
import { domainEvents } from './tables.js';

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

/**
 * Events recorded and announced by the very statement that causes them, for a write made in one
 * statement: two CTEs, `recorded_events` and `announced_events`, to put after the statement's
 * own. `source` is a SELECT of `account_id, company_id, type, subject_id, payload` (jsonb), e.g.
 * from a CTE's RETURNING. The notices are those `recordEvents` sends. The statement must read
 * `announced_events` (say `(select count(*) from announced_events)`): PostgreSQL skips a SELECT CTE
 * nobody reads.
 */
export function recordEventsSql(source: SQL): SQL {
  const notice = sql`json_build_object('id', id::text, 'accountId', account_id, 'companyId', company_id, 'type', type,
    'subjectId', subject_id, 'payload', payload,
    'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`;
  return sql`recorded_events as (
      insert into ${domainEvents} (account_id, company_id, type, subject_id, payload)
      ${source}
      returning id, account_id, company_id, type, subject_id, payload, occurred_at
    ), announced_events as (
      select ${notifyExpression(channels.events, notice)} from recorded_events order by id
    )`;
}

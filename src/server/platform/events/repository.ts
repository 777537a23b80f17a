import type { Queryable } from '../db/pool.js';
import { domainEvents } from './tables.js';

/**
 * Inserts events in one statement; a multi-row INSERT … RETURNING gives rows in VALUES order,
 * ids drawn in that order.
 */
export async function insertDomainEvents(
  tx: Queryable,
  values: (typeof domainEvents.$inferInsert)[],
): Promise<{ id: bigint; occurredAt: Date }[]> {
  return tx.insert(domainEvents).values(values).returning({ id: domainEvents.id, occurredAt: domainEvents.occurredAt });
}

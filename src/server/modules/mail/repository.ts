import { and, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { outboxMessages } from '../../platform/mail/tables.js';

export type OutboxRow = typeof outboxMessages.$inferSelect;

export interface OutboxFilter {
  status?: OutboxRow['status'];
  kind?: string;
  channel?: OutboxRow['channel'];
  recipient?: string;
}

/** An account's messages matching the filters, newest first, keyset-paginated on (created_at, id); one row more than `limit`. */
export async function listOutboxMessages(
  db: Queryable,
  accountId: string,
  filter: OutboxFilter,
  { limit, after }: { limit: number; after: readonly [string, string] | null },
): Promise<OutboxRow[]> {
  const { status, kind, channel, recipient } = filter;
  const where: (SQL | undefined)[] = [
    eq(outboxMessages.accountId, accountId),
    status ? eq(outboxMessages.status, status) : undefined,
    kind ? eq(outboxMessages.kind, kind) : undefined,
    channel ? eq(outboxMessages.channel, channel) : undefined,
    recipient ? ilike(outboxMessages.recipient, `%${recipient.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    after
      ? or(
          lt(outboxMessages.createdAt, new Date(after[0])),
          and(eq(outboxMessages.createdAt, new Date(after[0])), lt(outboxMessages.id, after[1])),
        )
      : undefined,
  ];
  return db
    .select()
    .from(outboxMessages)
    .where(and(...where))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit + 1);
}

/** One message of the account, or null. */
export async function findOutboxMessage(db: Queryable, accountId: string, id: string): Promise<OutboxRow | null> {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.accountId, accountId), eq(outboxMessages.id, id)))
    .limit(1);
  return row ?? null;
}

/** One message of the account, locked until the transaction ends (FOR UPDATE), or null. */
export async function lockOutboxMessage(db: Queryable, accountId: string, id: string): Promise<OutboxRow | null> {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.accountId, accountId), eq(outboxMessages.id, id)))
    .for('update');
  return row ?? null;
}

/** Puts a message back in the queue, due now, with a fresh set of attempts. */
export async function requeueOutboxMessage(db: Queryable, id: string): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outboxMessages)
    .set({ status: 'queued', attempts: 0, notBefore: sql`now()`, nextAttemptAt: sql`now()` })
    .where(eq(outboxMessages.id, id))
    .returning();
  return row ?? null;
}

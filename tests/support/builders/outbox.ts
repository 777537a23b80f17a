import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../../src/server/platform/db/pool.js';
import { writeMessage } from '../../../src/server/platform/mail/outbox.js';
import { outboxMessages } from '../../../src/server/platform/mail/tables.js';

/**
 * A message in the account's outbox, written as every message is (`writeMessage`); then, when
 * told, as the delivery rounds would have left it after `attempts` tries.
 */
export async function anOutboxMessage(
  db: Db,
  accountId: string | null,
  options: {
    to?: string;
    kind?: string;
    subject?: string;
    status?: 'queued' | 'failed' | 'sent';
    attempts?: number;
    lastError?: string;
  } = {},
): Promise<string> {
  const id = await writeMessage(db, {
    accountId,
    channel: 'email',
    kind: options.kind ?? 'test',
    to: options.to ?? 'someone@example.test',
    subject: options.subject ?? 'Subject',
    bodyText: 'Body',
  });
  if (options.status || options.attempts !== undefined || options.lastError)
    await db
      .update(outboxMessages)
      .set({ status: options.status, attempts: options.attempts, lastError: options.lastError })
      .where(eq(outboxMessages.id, id));
  return id;
}

/** The messages written to `recipient`, oldest first, as stored. */
export async function outboxRowsTo(db: Db, recipient: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.recipient, recipient))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}

/** One outbox message as stored. */
export async function outboxRow(db: Db, id: string) {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  if (!row) throw new Error(`no outbox message ${id}`);
  return row;
}

/** The account's messages of one kind (`report`, `invitation`…), oldest first, as stored. */
export async function outboxRowsOfAccount(db: Db, accountId: string, kind: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.accountId, accountId), eq(outboxMessages.kind, kind)))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}

/**
 * Puts a message in the state delivery would have left it in (claimed and `sending`, after
 * `attempts` tries, its next attempt `minutesAgo` in the past), inside the caller's transaction
 * when given one, so that no delivery round sees it before.
 */
export async function outboxMessageState(
  q: Queryable,
  id: string,
  state: { status?: 'queued' | 'sending' | 'failed'; attempts?: number; nextAttemptMinutesAgo?: number },
): Promise<void> {
  await q
    .update(outboxMessages)
    .set({
      status: state.status,
      attempts: state.attempts,
      nextAttemptAt:
        state.nextAttemptMinutesAgo === undefined
          ? undefined
          : sql`now() - make_interval(mins => ${state.nextAttemptMinutesAgo})`,
    })
    .where(eq(outboxMessages.id, id));
}

import { sql } from 'drizzle-orm';
import { oneRow } from '../db/one-row.js';
import type { Queryable } from '../db/pool.js';
import { uuidArray } from '../db/uuid-array.js';
import { channels } from '../realtime/channels.js';
import { outboxMessages, type Attachment } from './tables.js';

/** The outbox's SQL: writing a message with its wake-up, claiming due messages and recording each outcome. */

/**
 * Inserts a message and its wake-up (NOTIFY, sent at commit) in one statement; also when it waits for
 * quiet hours: the workers then sleep until its time instead of their longest sleep.
 */
export async function insertMessage(
  tx: Queryable,
  values: Omit<typeof outboxMessages.$inferInsert, 'createdAt'>,
): Promise<string> {
  const insert = tx
    .insert(outboxMessages)
    // clock_timestamp: messages written in one transaction keep their order per recipient
    .values({ ...values, createdAt: sql`clock_timestamp()` })
    .returning({ id: outboxMessages.id });
  const written = await tx.execute<{ id: string }>(sql`
    with m as (${insert.getSQL()})
    select m.id, pg_notify(${channels.outbox.name}, json_build_object('id', m.id)::text) from m`);
  return oneRow(written.rows, 'writing an outbox message').id;
}

export type ClaimedMessage = {
  id: string;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
  account_id: string | null;
  /** the company the message is about, when it names one: its sender name applies */
  company_id: string | null;
  language: string | null;
  attachments: Attachment[] | null;
};

/** Message `m` has no earlier message to its recipient still to send: each recipient's messages go in order. */
const firstOfItsRecipient = sql`not exists (
  select 1 from outbox_messages e
  where e.recipient = m.recipient and e.channel = m.channel and e.status in ('queued', 'sending')
    and e.not_before <= now() and (e.created_at, e.id) < (m.created_at, m.id))`;

/**
 * Claims up to `limit` due messages in one statement and marks them `sending` (one more attempt).
 * Due: queued, its time come, and no earlier message to the same recipient still to go (queued
 * and past its quiet hours, or being sent). A message waiting out quiet hours holds up nobody.
 */
export async function claimDueMessages(db: Queryable, limit: number): Promise<ClaimedMessage[]> {
  const rows = await db.execute<ClaimedMessage>(sql`
      with due as (
        select m.id from outbox_messages m
        where m.status = 'queued' and m.next_attempt_at <= now() and m.not_before <= now() and ${firstOfItsRecipient}
        order by m.next_attempt_at, m.created_at, m.id
        limit ${limit}
        for update of m skip locked)
      update outbox_messages o set status = 'sending', attempts = o.attempts + 1, next_attempt_at = now()
      from due where o.id = due.id
      returning o.id, o.channel, o.recipient, o.subject, o.body_text, o.body_html, o.attempts, o.attachments,
        o.account_id, o.metadata->>'companyId' as company_id, o.metadata->>'language' as language`);
  return rows.rows;
}

/** Its last attempt failed: a dead letter. */
export async function markFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.execute(sql`update outbox_messages set status = 'failed', last_error = ${error} where id = ${id}`);
}

/** An attempt failed: queued again for `retryAt`. */
export async function markRetry(db: Queryable, id: string, error: string, retryAt: Date): Promise<void> {
  await db.execute(
    sql`update outbox_messages set status = 'queued', last_error = ${error}, next_attempt_at = ${retryAt} where id = ${id}`,
  );
}

export async function markSent(db: Queryable, ids: string[]): Promise<void> {
  await db.execute(
    sql`update outbox_messages set status = 'sent', sent_at = now(), last_error = null where id = any(${uuidArray(ids)})`,
  );
}

/** No transport for their channel: kept, and the attempt given back. */
export async function markHeld(db: Queryable, ids: string[]): Promise<void> {
  await db.execute(
    sql`update outbox_messages set status = 'held', attempts = attempts - 1 where id = any(${uuidArray(ids)})`,
  );
}

/**
 * Milliseconds until the next queued message may be claimed, 0 when one already may (null: none is queued): the
 * later of its next attempt and its `not_before`, first of its recipient, as `claimDueMessages` asks. A message that
 * became due between a claim and this read answers 0, where counting only times still ahead left a worker asleep
 * for its idle 30 s; one waiting behind its recipient's earlier message counts that message's time.
 */
export async function msUntilNextDue(db: Queryable): Promise<number | null> {
  const rows = await db.execute<{ ms: number | null }>(sql`
      select extract(epoch from min(greatest(m.next_attempt_at, m.not_before)) - now()) * 1000 as ms
      from outbox_messages m where m.status = 'queued' and ${firstOfItsRecipient}`);
  const ms = rows.rows[0]?.ms;
  return ms == null ? null : Math.max(0, Number(ms));
}

/**
 * Messages left `sending` longer than `staleMinutes` (their process stopped): queued again, or a
 * dead letter when every attempt is used. Returns how many.
 */
export async function requeueInterrupted(db: Queryable, maxAttempts: number, staleMinutes: number): Promise<number> {
  const rows = await db.execute(sql`
      update outbox_messages
      set status = case when attempts >= ${maxAttempts} then 'failed' else 'queued' end,
        last_error = case when attempts >= ${maxAttempts} then 'The delivery was interrupted repeatedly.' else last_error end
      where status = 'sending' and next_attempt_at < now() - make_interval(mins => ${staleMinutes})
      returning id`);
  return rows.rows.length;
}

import { z } from 'zod';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict, notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { channels } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';
import { recordAudit } from '../audit/index.js';
import {
  findOutboxMessage,
  listOutboxMessages,
  lockOutboxMessage,
  requeueOutboxMessage,
  type OutboxFilter,
  type OutboxRow,
} from './repository.js';

/** A page of the account's delivery log, newest first, with the cursor of the next. */
export async function listOutbox(
  db: Queryable,
  actor: Actor,
  query: OutboxFilter & { limit: number; cursor?: string },
): Promise<{ page: OutboxRow[]; nextCursor: string | null }> {
  const { limit, cursor, ...filter } = query;
  const after = decodeCursor(cursor, z.tuple([cursorPart.isoTime, cursorPart.id]));
  const rows = await listOutboxMessages(db, actor.accountId, filter, { limit, after });
  return splitPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
}

/** One message of the account; 404 otherwise. */
export async function getOutboxMessage(db: Queryable, actor: Actor, id: string): Promise<OutboxRow> {
  const row = await findOutboxMessage(db, actor.accountId, id);
  if (!row) throw notFound('This message');
  return row;
}

/**
 * "Retry now" from the delivery log: a failed (dead-letter), waiting or held message is tried at
 * once, quiet hours aside, with a fresh set of attempts. A sent message, or one being sent, is a 409.
 */
export async function retryMessage(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<OutboxRow> {
  return db.transaction(async (tx) => {
    const row = await lockOutboxMessage(tx, actor.accountId, id);
    if (!row) throw notFound('This message');
    if (row.status === 'sent') throw conflict('This message was sent already.', { reason: 'already_sent' });
    if (row.status === 'sending') throw conflict('This message is being sent right now.', { reason: 'in_flight' });
    const updated = await requeueOutboxMessage(tx, id);
    if (!updated) throw notFound('This message');
    await publish(tx, channels.outbox, { id });
    await recordAudit(tx, ctx, {
      action: 'outbox.retry',
      objectType: 'outbox_message',
      objectId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'queued' },
    });
    return updated;
  });
}

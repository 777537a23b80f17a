import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { outboxMessages } from '../../platform/mail/tables.js';
import { channels } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';
import { recordAudit } from '../audit/index.js';

/**
 * "Retry now" from the delivery log: a failed (dead-letter), waiting or held message is tried at
 * once, quiet hours aside, with a fresh set of attempts. A sent message, or one being sent, is a 409.
 */
export async function retryMessage(db: Db, ctx: RequestContext, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.accountId, actor.accountId), eq(outboxMessages.id, id)))
      .for('update');
    if (!row) throw notFound('This message');
    if (row.status === 'sent') throw conflict('This message was sent already.', { reason: 'already_sent' });
    if (row.status === 'sending') throw conflict('This message is being sent right now.', { reason: 'in_flight' });
    const [updated] = await tx
      .update(outboxMessages)
      .set({ status: 'queued', attempts: 0, notBefore: sql`now()`, nextAttemptAt: sql`now()` })
      .where(eq(outboxMessages.id, id))
      .returning();
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

import { z } from 'zod';
import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import { outboxFilterQuery, outboxMessage, outboxMessageSummary } from '../../../shared/contracts/outbox.js';
import { notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { retryMessage } from './service.js';
import type { App, Deps } from '../../platform/http/types.js';
import { outboxMessages } from '../../platform/mail/tables.js';

type Row = typeof outboxMessages.$inferSelect;

const summary = (m: Row) => ({
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
});

/** The outbox and delivery log: what Tandem sent, is sending, gave up on, or keeps because no delivery channel is configured. */
export async function outboxRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/outbox', {
    config: { permission: 'outbox.read' },
    schema: {
      tags: ['outbox'],
      summary: 'Outgoing messages of your account, newest first',
      querystring: pageQuery.extend(outboxFilterQuery.shape),
      response: { 200: listResponse(outboxMessageSummary), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const { limit, cursor, status, recipient, kind, channel } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.isoTime, cursorPart.id]));
      const where: (SQL | undefined)[] = [
        eq(outboxMessages.accountId, actorOf(request).accountId),
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
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(and(...where))
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(limit + 1);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
      return { items: page.map(summary), nextCursor };
    },
  });

  app.get('/api/v1/outbox/:id', {
    config: { permission: 'outbox.read' },
    schema: {
      tags: ['outbox'],
      summary: 'One outgoing message with its text and HTML',
      params: idParams,
      response: { 200: outboxMessage, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => {
      const [row] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.accountId, actorOf(request).accountId), eq(outboxMessages.id, request.params.id)))
        .limit(1);
      if (!row) throw notFound('This message');
      return { ...summary(row), bodyText: row.bodyText, bodyHtml: row.bodyHtml };
    },
  });

  app.post('/api/v1/outbox/:id/retry', {
    config: { permission: 'outbox.retry' },
    schema: {
      tags: ['outbox'],
      summary:
        'Retry now: a failed, waiting or held message is tried at once with a fresh set of attempts (409 when sent or being sent)',
      params: idParams,
      response: {
        202: outboxMessageSummary,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) =>
      reply.status(202).send(summary(await retryMessage(db, contextOf(request), actorOf(request), request.params.id))),
  });
}

import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import { outboxFilterQuery, outboxMessage, outboxMessageSummary } from '../../../shared/contracts/outbox.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentOutboxMessage, presentOutboxSummary } from './presenter.js';
import { getOutboxMessage, listOutbox, retryMessage } from './service.js';

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
      const { page, nextCursor } = await listOutbox(db, actorOf(request), request.query);
      return { items: page.map(presentOutboxSummary), nextCursor };
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
    handler: async (request) => presentOutboxMessage(await getOutboxMessage(db, actorOf(request), request.params.id)),
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
      reply
        .status(202)
        .send(presentOutboxSummary(await retryMessage(db, contextOf(request), actorOf(request), request.params.id))),
  });
}

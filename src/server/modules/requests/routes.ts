import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  answerBody,
  assignBody,
  attachmentSchema,
  chatMessageSchema,
  closeBody,
  messagesQuery,
  messagesResponse,
  requestListQuery,
  sendMessageBody,
  supportRequestDetailSchema,
  supportRequestSchema,
  transferBody,
  attachmentContentTypes,
} from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { AppError } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { attachAsTechnician, technicianAttachment } from './attachment-service.js';
import * as service from './service.js';

const tags = ['support requests'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const scope =
  'A request of a company outside your access answers 404, as a missing one does. Live chats need a Remote Support seat, offline questions a Service Desk seat (viewers read them): 403 with details `{reason:"seat_required", module}`.';

/** The technicians' side: views, the transcript, accept, transfer, close, and the Service Desk's assign and answer. */
export async function supportRequestRoutes(app: App, { database, config }: Deps) {
  const { db } = database;

  app.get('/api/v1/support-requests', {
    config: { permission: 'requests.read' },
    schema: {
      tags,
      summary: 'Support requests by view (new, active, mine, inbox, completed), optionally for one company',
      description: scope,
      querystring: requestListQuery,
      response: { 200: listResponse(supportRequestSchema), ...errors },
    },
    handler: async (request) => {
      const { limit, cursor, view, companyId, q } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.bigint, cursorPart.id]));
      const { rows, present } = await service.listRequests(
        db,
        actorOf(request),
        { view, companyId, q: q || undefined },
        limit + 1,
        after,
      );
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.createdKey, last.id]);
      return { items: page.map(present), nextCursor };
    },
  });

  app.get('/api/v1/support-requests/:id', {
    config: { permission: 'requests.read' },
    schema: {
      tags,
      summary: 'One request: customer, answers, state, queue position while waiting, abilities',
      description: scope,
      params: idParams,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.getRequest(db, actorOf(request), request.params.id),
  });

  app.get('/api/v1/support-requests/:id/messages', {
    config: { permission: 'requests.read' },
    schema: {
      tags,
      summary: 'The transcript, in seq order, after a seq',
      description: scope,
      params: idParams,
      querystring: messagesQuery,
      response: { 200: messagesResponse, ...errors },
    },
    handler: async (request) =>
      service.transcript(db, actorOf(request), request.params.id, request.query.afterSeq, request.query.limit),
  });

  app.post('/api/v1/support-requests/:id/messages', {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary:
        'Write in the active chat you hold; resending the same clientId stores nothing twice (200 instead of 201)',
      description: scope,
      params: idParams,
      body: sendMessageBody,
      response: { 200: chatMessageSchema, 201: chatMessageSchema, ...errors },
    },
    handler: async (request, reply) => {
      const { message, duplicate } = await service.technicianMessage(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(duplicate ? 200 : 201).send(message);
    },
  });

  const action = (path: string, summary: string) => ({ url: `/api/v1/support-requests/:id/${path}`, summary });

  const accept = action(
    'accept',
    'Accept a waiting request (Remote Support seat, under your capacity); 409 when another technician was first',
  );
  app.post(accept.url, {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: accept.summary,
      description: `${scope} 409 details: {reason:"taken", by}, {reason:"not_waiting", status} or {reason:"over_capacity", capacity}.`,
      params: idParams,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.acceptRequest(db, actorOf(request), request.params.id),
  });

  const transfer = action(
    'transfer',
    'Hand an active chat to another technician with access to the company and a Remote Support seat',
  );
  app.post(transfer.url, {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: transfer.summary,
      description: scope,
      params: idParams,
      body: transferBody,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.transferRequest(db, actorOf(request), request.params.id, request.body.userId),
  });

  const close = action('close', 'Close an active chat or an offline question, with an outcome and notes');
  app.post(close.url, {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: close.summary,
      description: scope,
      params: idParams,
      body: closeBody,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.closeRequest(db, actorOf(request), request.params.id, request.body),
  });

  const assign = action('assign', 'Assign an offline question to a technician with a Service Desk seat (null: nobody)');
  app.post(assign.url, {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: assign.summary,
      description: scope,
      params: idParams,
      body: assignBody,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.assignRequest(db, actorOf(request), request.params.id, request.body.userId),
  });

  const answer = action(
    'answer',
    "Answer an offline question: e-mailed to the customer in the portal's language and shown at their link",
  );
  app.post(answer.url, {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: answer.summary,
      description: scope,
      params: idParams,
      body: answerBody,
      response: { 200: supportRequestDetailSchema, ...errors },
    },
    handler: async (request) => service.answerRequest(db, config, actorOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/support-requests/:id/attachments/:attachmentId', {
    config: { permission: 'requests.read' },
    schema: {
      tags,
      summary: 'A file attached in the conversation (downloaded, never shown inline)',
      description: scope,
      params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      response: { 200: z.unknown().describe('the file'), ...errors },
    },
    handler: async (request, reply) => {
      return sendFile(
        reply,
        await technicianAttachment(db, actorOf(request), request.params.id, request.params.attachmentId),
      );
    },
  });

  await app.register(async (scoped: App) => {
    scoped.addContentTypeParser(
      [...attachmentContentTypes],
      { parseAs: 'buffer', bodyLimit: limits.attachmentBytes },
      (_r, body, done) => done(null, body),
    );
    scoped.addContentTypeParser('*', (_r, _p, done) =>
      done(
        new AppError(
          'unsupported_media_type',
          'Attach an image (PNG, JPEG, WebP, GIF), a PDF, a text file or a ZIP archive.',
        ),
        undefined,
      ),
    );
    scoped.post('/api/v1/support-requests/:id/attachments', {
      config: { permission: 'requests.answer' },
      bodyLimit: limits.attachmentBytes,
      schema: {
        tags,
        summary:
          'Attach a file to a chat you hold (raw body with its Content-Type, ?name=); then send a message with its id',
        description: `${scope} 403 when the portal takes no attachments (portal.allowAttachments).`,
        consumes: [...attachmentContentTypes],
        params: idParams,
        querystring: z.object({ name: z.string().max(200).optional() }),
        response: { 201: attachmentSchema, ...errors, 413: errorResponse, 415: errorResponse },
      },
      handler: async (request, reply) => {
        const { row, stored } = await attachAsTechnician(db, actorOf(request), request.params.id, {
          contentType: String(request.headers['content-type'] ?? ''),
          bytes: request.body as Buffer,
          name: request.query.name,
        });
        return reply.status(201).send({
          id: stored.id,
          name: stored.name,
          contentType: stored.contentType,
          size: stored.size,
          url: `/api/v1/support-requests/${row.id}/attachments/${stored.id}`,
        });
      },
    });
  });
}

/** Sends a stored attachment as a download: never rendered by the browser as a page. */
export function sendFile(
  reply: import('fastify').FastifyReply,
  file: { name: string; contentType: string; bytes: Buffer },
) {
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${file.name.replace(/[^\w. -]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

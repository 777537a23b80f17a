import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { portalSlugParams } from '../../../shared/contracts/portals.js';
import {
  attachmentContentTypes,
  attachmentSchema,
  chatMessageSchema,
  createRequestBody,
  createRequestResponse,
  messagesQuery,
  messagesResponse,
  sendMessageBody,
  visitorHeaders,
  visitorRequestParams,
  visitorRequestSchema,
} from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';
import type { App, Deps } from '../../platform/http/types.js';
import { assertSameOrigin } from '../live/index.js';
import { chatSocketGate, CustomerSocket } from './customer-socket.js';
import { confirmByFollowLink } from './email-proof.js';
import type { SupportFanout } from './fanout.js';
import { attachAsCustomer, customerAttachment } from './attachment-service.js';
import { sendFile } from './routes.js';
import { submitRequest } from './submission.js';
import {
  socketVisitorAccess,
  visitorAccess,
  visitorMessages,
  visitorSend,
  visitorView,
  type VisitorAccess,
} from './visitor.js';

const tags = ['portal'];
const tokenNote =
  'Authenticated by the visitor token (X-Visitor-Token header, or ?token= where a header cannot be sent). A wrong token, request or portal all answer 404.';
const tokenOf = (request: FastifyRequest) => {
  const header = request.headers['x-visitor-token'];
  if (typeof header === 'string' && header) return header.slice(0, limits.visitorToken);
  const query = (request.query as { token?: unknown } | undefined)?.token;
  return typeof query === 'string' ? query.slice(0, limits.visitorToken) : undefined;
};

/** The customers' side: submit a request, follow it, write, attach, and the chat socket. */
export async function portalRequestRoutes(app: App, { database, config }: Deps, fanout: SupportFanout) {
  const { db } = database;
  const accessOf = new WeakMap<FastifyRequest, { access: VisitorAccess; token: string }>();
  const chatSockets = chatSocketGate();

  app.post('/api/portal/:slug/requests', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'Ask a question: it joins the live queue, or becomes an offline question with an e-mailed link',
      description:
        "Body exactly `{name, email, question, fields?}`; `fields` answers the portal's fields by key (400 `fields.<key>` when one is missing, unknown or of the wrong type). 429 beyond the limits per address and per portal. The answer carries the visitor token, shown once.",
      params: portalSlugParams,
      body: createRequestBody,
      response: { 201: createRequestResponse, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const created = await submitRequest(db, config, request.params.slug, request.body, request.ip ?? null);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  });

  const params = visitorRequestParams;
  app.get('/api/portal/:slug/requests/:id', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "The customer's view of their request",
      description: `${tokenNote} Read with a token of an e-mailed follow link, it proves the customer's address: answers are then e-mailed in full (\`emailConfirmed\`).`,
      params,
      headers: visitorHeaders,
      response: { 200: visitorRequestSchema, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request);
      const access = await confirmByFollowLink(
        db,
        await visitorAccess(db, request.params.slug, request.params.id, token),
        token,
      );
      reply.header('cache-control', 'no-store');
      return visitorView(db, access);
    },
  });

  app.get('/api/portal/:slug/requests/:id/messages', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'The conversation after a seq, in order',
      description: tokenNote,
      params,
      headers: visitorHeaders,
      querystring: messagesQuery,
      response: { 200: messagesResponse, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const access = await visitorAccess(db, request.params.slug, request.params.id, tokenOf(request));
      reply.header('cache-control', 'no-store');
      return visitorMessages(db, access, request.query.afterSeq, request.query.limit);
    },
  });

  app.post('/api/portal/:slug/requests/:id/messages', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Write (or reply to an answer); resending the same clientId stores nothing twice (200 instead of 201)',
      description: `${tokenNote} A closed request answers 409.`,
      params,
      headers: visitorHeaders,
      body: sendMessageBody,
      response: {
        200: chatMessageSchema,
        201: chatMessageSchema,
        400: errorResponse,
        404: errorResponse,
        409: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const { message, duplicate } = await visitorSend(
        db,
        request.params.slug,
        request.params.id,
        tokenOf(request),
        request.body,
      );
      return reply.status(duplicate ? 200 : 201).send(message);
    },
  });

  app.get('/api/portal/:slug/requests/:id/attachments/:attachmentId', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'A file of the conversation (downloaded, never shown inline)',
      description: tokenNote,
      params: visitorRequestParams.extend({ attachmentId: z.uuid() }),
      querystring: z.object({ token: z.string().max(limits.visitorToken).optional() }),
      response: { 200: z.unknown().describe('the file'), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { slug, id, attachmentId } = request.params;
      return sendFile(reply, await customerAttachment(db, slug, id, tokenOf(request), attachmentId));
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
    scoped.post('/api/portal/:slug/requests/:id/attachments', {
      config: { permission: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      bodyLimit: limits.attachmentBytes,
      schema: {
        tags,
        summary:
          'Attach a file (when the portal allows attachments): raw body with its Content-Type, ?name=; then send a message with its id',
        description: `${tokenNote} 403 when the portal takes no attachments, 413 beyond ${limits.attachmentBytes} bytes, 415 for another type or content that does not match it.`,
        consumes: [...attachmentContentTypes],
        params,
        headers: visitorHeaders,
        querystring: z.object({ name: z.string().max(200).optional() }),
        response: {
          201: attachmentSchema,
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          413: errorResponse,
          415: errorResponse,
          429: errorResponse,
        },
      },
      handler: async (request, reply) => {
        const { access, stored } = await attachAsCustomer(
          db,
          request.params.slug,
          request.params.id,
          tokenOf(request),
          {
            contentType: String(request.headers['content-type'] ?? ''),
            bytes: request.body as Buffer,
            name: request.query.name,
          },
        );
        return reply.status(201).send({
          id: stored.id,
          name: stored.name,
          contentType: stored.contentType,
          size: stored.size,
          url: `/api/portal/${access.portal.slug}/requests/${access.request.id}/attachments/${stored.id}`,
        });
      },
    });
  });

  app.route({
    method: 'GET',
    url: '/api/portal/:slug/requests/:id/socket',
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "The customer's chat socket (WebSocket); frames in src/shared/realtime.ts",
      description: `${tokenNote} Origin must be this server's (scheme, host and port). A plain GET answers 426. At most ${limits.chatSocketsPerToken} sockets per token and ${limits.chatSocketsPerAddress} per address are open at once (429 beyond).`,
      params,
      querystring: z.object({ token: z.string().max(limits.visitorToken).optional() }),
      response: { 403: errorResponse, 404: errorResponse, 426: errorResponse, 429: errorResponse },
    },
    preValidation: async (request) => assertSameOrigin(request, config.publicUrl),
    // after validation: the id is a UUID by now
    preHandler: async (request) => {
      const { slug, id } = request.params as { slug: string; id: string };
      const token = tokenOf(request);
      if (request.ws) chatSockets.assertAddressRoom(request.ip);
      const access = await socketVisitorAccess(db, slug, id, token);
      // a place among the open sockets, given back when the connection closes (refused or not)
      if (request.ws) {
        const release = chatSockets.reserve(token!, request.ip);
        const connection = request.raw.socket as typeof request.raw.socket | undefined;
        if (!connection || connection.destroyed) release();
        else connection.once('close', release);
      }
      accessOf.set(request, { access, token: token! });
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This address is a WebSocket: open it with a WebSocket upgrade.');
    },
    wsHandler: (socket, request) => {
      const found = accessOf.get(request);
      // the request object lives as long as the connection: what it carried is the socket's now
      accessOf.delete(request);
      if (!found) return socket.close(1011, 'not authenticated');
      new CustomerSocket(socket, found.access, found.token, db, fanout, request.log).open();
    },
  });
}

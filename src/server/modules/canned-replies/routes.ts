import { z } from 'zod';
import {
  cannedReplyListQuery,
  cannedReplyListResponse,
  cannedReplySchema,
  createCannedReplyBody,
  updateCannedReplyBody,
} from '../../../shared/contracts/canned-replies.js';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as service from './service.js';

const tags = ['canned replies'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const rules =
  'Account-wide and company replies are changed by administrators (403 for others); a personal reply only by its technician. A company outside your access, or another technician’s personal reply, answers 404 as a missing one does.';

/** Saved answers technicians insert in a chat by a shortcut. */
export async function cannedReplyRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/canned-replies', {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: "Canned replies you may use: the account's, your companies' and your own (for one chat: ?requestId=)",
      description: rules,
      querystring: cannedReplyListQuery,
      response: { 200: cannedReplyListResponse, ...errors },
    },
    handler: async (request) => ({ items: await service.listReplies(db, actorOf(request), request.query) }),
  });

  app.post('/api/v1/canned-replies', {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: 'Create a canned reply for the account, a company or yourself',
      description: rules,
      body: createCannedReplyBody,
      response: { 201: cannedReplySchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createReply(db, contextOf(request), actorOf(request), request.body)),
  });

  app.patch('/api/v1/canned-replies/:id', {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: "Change a canned reply's title, shortcut or text",
      description: rules,
      params: idParams,
      body: updateCannedReplyBody,
      response: { 200: cannedReplySchema, ...errors },
    },
    handler: async (request) =>
      service.updateReply(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/canned-replies/:id', {
    config: { permission: 'requests.answer' },
    schema: {
      tags,
      summary: 'Delete a canned reply',
      description: rules,
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await service.deleteReply(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}

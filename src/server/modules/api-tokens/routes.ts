import { z } from 'zod';
import { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from '../../../shared/contracts/api-tokens.js';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { presentToken } from './presenter.js';
import { createToken, listOwnTokens, revokeOwnToken } from './service.js';

export async function apiTokenRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/api-tokens', {
    config: { permission: 'apiTokens.manage' },
    schema: {
      tags: ['api-tokens'],
      summary: 'Your API tokens (never their secrets)',
      querystring: pageQuery,
      response: { 200: listResponse(apiTokenSchema), 400: errorResponse, 401: errorResponse },
    },
    handler: async (request) => {
      const { page, nextCursor } = await listOwnTokens(db, actorOf(request), request.query);
      return { items: page.map(presentToken), nextCursor };
    },
  });

  app.post('/api/v1/api-tokens', {
    config: { permission: 'apiTokens.manage', sessionOnly: true },
    schema: {
      tags: ['api-tokens'],
      summary: 'Create an API token; the secret is in this response only',
      description: 'Only a signed-in session may create tokens: an API token cannot create another (403).',
      body: createApiTokenBody,
      response: { 201: createdApiTokenSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request, reply) => {
      const { row, token } = await createToken(db, contextOf(request), actorOf(request), request.body);
      return reply.status(201).send({ ...presentToken(row), token });
    },
  });

  app.delete('/api/v1/api-tokens/:id', {
    config: { permission: 'apiTokens.manage' },
    schema: {
      tags: ['api-tokens'],
      summary: 'Revoke one of your API tokens; it stops working at once',
      params: idParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await revokeOwnToken(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}

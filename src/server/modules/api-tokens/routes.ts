import { z } from 'zod';
import { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from '../../../shared/contracts/api-tokens.js';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { notFound } from '../../platform/http/app-error.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { recordAudit } from '../audit/index.js';
import { presentToken } from './presenter.js';
import { insertToken, listTokens, revokeToken } from './repository.js';

/** Tokens look like `tdm_<43 url-safe characters>`; the prefix helps people recognise them. */
const tokenPrefix = 'tdm_';

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
      const actor = actorOf(request);
      const after = decodeCursor(request.query.cursor, z.tuple([cursorPart.isoTime, cursorPart.id]));
      const rows = await listTokens(db, actor.accountId, actor.userId, request.query.limit, after);
      const { page, nextCursor } = splitPage(rows, request.query.limit, (last) => [
        last.createdAt.toISOString(),
        last.id,
      ]);
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
      const actor = actorOf(request);
      const token = tokenPrefix + randomSecret(32);
      const row = await db.transaction(async (tx) => {
        const created = await insertToken(tx, {
          accountId: actor.accountId,
          userId: actor.userId,
          name: request.body.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
        });
        await recordAudit(tx, contextOf(request), {
          action: 'api_token.create',
          objectType: 'api_token',
          objectId: created.id,
          after: presentToken(created),
        });
        return created;
      });
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
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        const row = await revokeToken(tx, actor.accountId, actor.userId, request.params.id);
        if (!row) throw notFound('This API token');
        await recordAudit(tx, contextOf(request), {
          action: 'api_token.revoke',
          objectType: 'api_token',
          objectId: row.id,
          before: presentToken(row),
        });
      });
      return reply.status(204).send(null);
    },
  });
}

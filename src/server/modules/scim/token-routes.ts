import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  createdScimTokenSchema,
  createScimTokenBody,
  scimTokenListSchema,
} from '../../../shared/contracts/scim-tokens.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentScimToken } from './token-presenter.js';
import { listScimTokens } from './token-repository.js';
import { createScimToken, revokeAccountScimToken } from './token-service.js';

/** The administrators' routes of SCIM tokens: list (with the base URL to paste), create (secret shown once), revoke. */
export async function scimTokenRoutes(app: App, { database, config }: Deps) {
  const { db } = database;

  app.get('/api/v1/scim-tokens', {
    config: { permission: 'identity.manage' },
    schema: {
      tags: ['scim'],
      summary: "The account's SCIM tokens (never their secrets) and the SCIM base URL",
      response: { 200: scimTokenListSchema, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const rows = await listScimTokens(db, actorOf(request).accountId);
      return { items: rows.map(presentScimToken), baseUrl: `${publicUrlOf(config)}/scim/v2` };
    },
  });

  app.post('/api/v1/scim-tokens', {
    config: { permission: 'identity.manage', sessionOnly: true },
    schema: {
      tags: ['scim'],
      summary: 'Create a SCIM token for an identity provider; the secret is in this response only',
      body: createScimTokenBody,
      response: { 201: createdScimTokenSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request, reply) => {
      const { row, token } = await createScimToken(db, contextOf(request), actorOf(request), request.body);
      return reply.status(201).send({ ...presentScimToken(row), token });
    },
  });

  app.delete('/api/v1/scim-tokens/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags: ['scim'],
      summary: 'Revoke a SCIM token; provisioning with it stops at once',
      params: idParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await revokeAccountScimToken(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}

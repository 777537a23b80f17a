import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicUrlOf } from '../../platform/http/public-url.js';
import type { App, Deps } from '../../platform/http/types.js';
import type { IdentityCache } from '../auth/index.js';
import { scimAuthentication, scimContextOf } from './authenticate.js';
import { resourceTypes, schemas, serviceProviderConfig, listResponse } from './discovery.js';
import { scimContentType, scimErrorHandler, scimNotFound } from './errors.js';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './group-service.js';
import { createUser, deleteScimUser, getUser, listUsers, patchUser, replaceUser } from './user-service.js';

const resource = z.record(z.string(), z.unknown());
const scimError = z.object({
  schemas: z.array(z.string()),
  status: z.string(),
  scimType: z.string().optional(),
  detail: z.string(),
});
const listQuery = z.looseObject({
  filter: z.string().max(2000).optional(),
  startIndex: z.string().max(20).optional(),
  count: z.string().max(20).optional(),
  excludedAttributes: z.string().max(200).optional(),
});
const idParams = z.object({ id: z.string().min(1).max(200) });
const refusals = { 400: scimError, 401: scimError, 404: scimError, 409: scimError };

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The SCIM 2.0 service at `/scim/v2` (RFC 7644): its own credential (a SCIM token, `permission: 'scim'`), its
 * own media type (`application/scim+json`, JSON accepted) and its own error schema, in a scope of their own.
 */
export async function scimRoutes(app: App, { database, config }: Deps, identities: IdentityCache) {
  const { db } = database;
  const baseUrl = `${publicUrlOf(config)}/scim/v2`;

  await app.register(async (scope: App) => {
    scope.decorateRequest('scim', null);
    scope.addContentTypeParser(
      'application/scim+json',
      { parseAs: 'string' },
      scope.getDefaultJsonParser('error', 'error'),
    );
    scope.setErrorHandler(scimErrorHandler);
    scope.addHook('onRequest', scimAuthentication(db));
    scope.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
      // a change made through SCIM is seen by the very next request and by this process's live sockets at once
      // (other processes hear of it from the database's notification)
      if (request.scim && unsafeMethods.has(request.method) && reply.statusCode < 400)
        identities.accountChanged(request.scim.accountId);
      if (reply.getHeader('content-type')?.toString().startsWith('application/json')) reply.type(scimContentType);
    });
    const config = { permission: 'scim' as const };
    const tags = ['scim'];

    scope.get('/scim/v2/ServiceProviderConfig', {
      config,
      schema: { tags, summary: 'What this SCIM service supports', response: { 200: resource, 401: scimError } },
      handler: async () => serviceProviderConfig(baseUrl),
    });
    scope.get('/scim/v2/Schemas', {
      config,
      schema: { tags, summary: 'The User and Group schemas', response: { 200: resource, 401: scimError } },
      handler: async () => {
        const all = schemas(baseUrl);
        return listResponse(all, all.length, 1);
      },
    });
    scope.get('/scim/v2/Schemas/:id', {
      config,
      schema: { tags, summary: 'One schema', params: idParams, response: { 200: resource, ...refusals } },
      handler: async (request) => {
        const found = schemas(baseUrl).find((s) => s.id === request.params.id);
        if (!found) throw scimNotFound('This schema');
        return found;
      },
    });
    scope.get('/scim/v2/ResourceTypes', {
      config,
      schema: { tags, summary: 'The User and Group resource types', response: { 200: resource, 401: scimError } },
      handler: async () => {
        const all = resourceTypes(baseUrl);
        return listResponse(all, all.length, 1);
      },
    });
    scope.get('/scim/v2/ResourceTypes/:id', {
      config,
      schema: { tags, summary: 'One resource type', params: idParams, response: { 200: resource, ...refusals } },
      handler: async (request) => {
        const found = resourceTypes(baseUrl).find((s) => s.id === request.params.id);
        if (!found) throw scimNotFound('This resource type');
        return found;
      },
    });

    // --- Users
    scope.get('/scim/v2/Users', {
      config,
      schema: {
        tags,
        summary: 'Users, filtered and paged',
        querystring: listQuery,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => listUsers(db, scimContextOf(request), request.query, baseUrl),
    });
    scope.post('/scim/v2/Users', {
      config,
      schema: { tags, summary: 'Provision a user', body: resource, response: { 201: resource, ...refusals } },
      handler: async (request, reply) =>
        reply.status(201).send(await createUser(db, scimContextOf(request), request.body, baseUrl)),
    });
    scope.get('/scim/v2/Users/:id', {
      config,
      schema: { tags, summary: 'One user', params: idParams, response: { 200: resource, ...refusals } },
      handler: async (request) => getUser(db, scimContextOf(request), request.params.id, baseUrl),
    });
    scope.put('/scim/v2/Users/:id', {
      config,
      schema: {
        tags,
        summary: 'Replace a user',
        params: idParams,
        body: resource,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => replaceUser(db, scimContextOf(request), request.params.id, request.body, baseUrl),
    });
    scope.patch('/scim/v2/Users/:id', {
      config,
      schema: {
        tags,
        summary: 'Change a user (active false disables them)',
        params: idParams,
        body: resource,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => patchUser(db, scimContextOf(request), request.params.id, request.body, baseUrl),
    });
    scope.delete('/scim/v2/Users/:id', {
      config,
      schema: { tags, summary: 'Delete a user', params: idParams, response: { 204: z.null(), ...refusals } },
      handler: async (request, reply) => {
        await deleteScimUser(db, scimContextOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    });

    // --- Groups
    scope.get('/scim/v2/Groups', {
      config,
      schema: {
        tags,
        summary: 'Groups, filtered and paged',
        querystring: listQuery,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => listGroups(db, scimContextOf(request), request.query, baseUrl),
    });
    scope.post('/scim/v2/Groups', {
      config,
      schema: { tags, summary: 'Provision a group', body: resource, response: { 201: resource, ...refusals } },
      handler: async (request, reply) =>
        reply.status(201).send(await createGroup(db, scimContextOf(request), request.body, baseUrl)),
    });
    scope.get('/scim/v2/Groups/:id', {
      config,
      schema: {
        tags,
        summary: 'One group',
        params: idParams,
        querystring: listQuery,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) =>
        getGroup(
          db,
          scimContextOf(request),
          request.params.id,
          baseUrl,
          !/\bmembers\b/i.test(request.query.excludedAttributes ?? ''),
        ),
    });
    scope.put('/scim/v2/Groups/:id', {
      config,
      schema: {
        tags,
        summary: 'Replace a group and its members',
        params: idParams,
        body: resource,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => replaceGroup(db, scimContextOf(request), request.params.id, request.body, baseUrl),
    });
    scope.patch('/scim/v2/Groups/:id', {
      config,
      schema: {
        tags,
        summary: 'Change a group: members added or removed, its name',
        params: idParams,
        body: resource,
        response: { 200: resource, ...refusals },
      },
      handler: async (request) => patchGroup(db, scimContextOf(request), request.params.id, request.body, baseUrl),
    });
    scope.delete('/scim/v2/Groups/:id', {
      config,
      schema: { tags, summary: 'Delete a group', params: idParams, response: { 204: z.null(), ...refusals } },
      handler: async (request, reply) => {
        await deleteGroup(db, scimContextOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    });
  });
}

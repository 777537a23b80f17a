import { z } from 'zod';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import {
  inviteBatchBody,
  inviteBatchResponse,
  inviteUserBody,
  managedUserSchema,
  updateUserBody,
  userFilterQuery,
} from '../../../shared/contracts/users.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { userCsvRoutes } from './csv-routes.js';
import { invitationRoutes } from './invitation-routes.js';
import { deleteUser, disableUser, enableUser } from './lifecycle.js';
import {
  createManagedUser,
  getManagedUser,
  inviteManagedUsers,
  listManagedUsers,
  updateManagedUser,
} from './service.js';

const tags = ['users'];
const read = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...read, 409: errorResponse };

export async function userRoutes(app: App, { database, config }: Deps) {
  const { db } = database;
  const deps = { db, config };

  app.get('/api/v1/users', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'Users you can see, filtered, searched and sorted (technicians: those sharing one of their companies)',
      querystring: pageQuery.extend(userFilterQuery.shape),
      response: { 200: listResponse(managedUserSchema), ...read },
    },
    handler: async (request) => listManagedUsers(db, actorOf(request), request.query),
  });

  app.get('/api/v1/users/:id', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'One user, with your abilities on them',
      params: idParams,
      response: { 200: managedUserSchema, ...read },
    },
    handler: async (request) => getManagedUser(db, actorOf(request), request.params.id),
  });

  app.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Invite a user: they receive an e-mail with a link, valid 72 hours, to choose their password',
      body: inviteUserBody,
      response: { 201: managedUserSchema, ...write },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createManagedUser(deps, contextOf(request), actorOf(request), request.body)),
  });

  app.post('/api/v1/users/batch', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Invite several people with the same role and company access: all of them, or none',
      body: inviteBatchBody,
      response: { 201: inviteBatchResponse, ...write },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send({ items: await inviteManagedUsers(deps, contextOf(request), actorOf(request), request.body) }),
  });

  app.patch('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary:
        'Change a user’s details, role or company access; role and access changes are e-mailed to them and apply on their next request',
      params: idParams,
      body: updateUserBody,
      response: { 200: managedUserSchema, ...write },
    },
    handler: async (request) =>
      updateManagedUser(deps, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/users/:id/disable', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Disable a user: their sessions end and their API tokens are revoked',
      params: idParams,
      response: { 200: managedUserSchema, ...write },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await disableUser(db, contextOf(request), actor, request.params.id);
      return getManagedUser(db, actor, request.params.id);
    },
  });

  app.post('/api/v1/users/:id/enable', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Enable a disabled user',
      params: idParams,
      response: { 200: managedUserSchema, ...write },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await enableUser(db, contextOf(request), actor, request.params.id);
      return getManagedUser(db, actor, request.params.id);
    },
  });

  app.delete('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Delete a user, with their sessions, API tokens, access and seats',
      params: idParams,
      response: { 204: z.null(), ...write },
    },
    handler: async (request, reply) => {
      await deleteUser(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  await userCsvRoutes(app, deps);
  await invitationRoutes(app, deps);
}

import { Readable } from 'node:stream';
import { z } from 'zod';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import {
  acceptInvitationBody,
  acceptInvitationResponse,
  csvImportBody,
  csvImportResponse,
  invitationSchema,
  invitationTokenParams,
  inviteBatchBody,
  inviteBatchResponse,
  inviteUserBody,
  managedUserSchema,
  updateUserBody,
  userFilterQuery,
} from '../../../shared/contracts/users.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { startSession } from '../auth/index.js';
import { userCsvLines } from './csv-export.js';
import { importUsers } from './csv-import.js';
import { acceptInvitationAndSignIn, describeInvitation, resendInvitation, revokeInvitation } from './invitations.js';
import { deleteUser, disableUser, enableUser } from './lifecycle.js';
import { presentUser } from '../users/index.js';
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

  app.get('/api/v1/users/export.csv', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'The users matching the filters, as CSV (the first columns are those of the import)',
      querystring: userFilterQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV file'), ...read },
    },
    handler: async (request, reply) => {
      const lines = userCsvLines(db, actorOf(request), request.query);
      // the first line is read before answering, so a bad filter (unknown company) is still a JSON error
      const first = await lines.next();
      async function* all() {
        if (!first.done) yield first.value;
        yield* lines;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tandem-users-${stamp}.csv"`);
      return reply.send(Readable.from(all()) as unknown as string);
    },
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

  app.post('/api/v1/users/import', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary:
        'Import users from CSV (columns email, name, role, companies; optional language). A dry run lists each row’s problems; applying invites every row or none',
      body: csvImportBody,
      response: { 200: csvImportResponse, ...write, 413: errorResponse },
    },
    handler: async (request) => importUsers(deps, contextOf(request), actorOf(request), request.body),
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

  app.post('/api/v1/users/:id/invitation', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Send a new invitation to an invited user; the previous link stops working',
      params: idParams,
      response: { 200: managedUserSchema, ...write },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await resendInvitation(db, { ctx: contextOf(request), actor, config }, request.params.id);
      return getManagedUser(db, actor, request.params.id);
    },
  });

  app.delete('/api/v1/users/:id/invitation', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Revoke an invited user’s pending invitation',
      params: idParams,
      response: { 204: z.null(), ...write },
    },
    handler: async (request, reply) => {
      await revokeInvitation(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/invitations/:token', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['invitations'],
      summary: 'What an invitation link is for; 404 alike for unknown, expired, revoked and used links',
      params: invitationTokenParams,
      response: { 200: invitationSchema, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request) => describeInvitation(db, request.params.token),
  });

  app.post('/api/v1/invitations/:token/accept', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['invitations'],
      summary: 'Accept an invitation: choose a password, and be signed in (the link works once)',
      params: invitationTokenParams,
      body: acceptInvitationBody,
      response: { 200: acceptInvitationResponse, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const { user, csrfToken } = await acceptInvitationAndSignIn(
        db,
        contextOf(request),
        request.params.token,
        request.body,
        (accepted) => startSession(db, request, reply, accepted, config.secureCookies),
      );
      return { user: presentUser(user), csrfToken };
    },
  });
}

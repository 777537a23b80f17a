import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  acceptInvitationBody,
  acceptInvitationResponse,
  invitationSchema,
  invitationTokenParams,
  managedUserSchema,
} from '../../../shared/contracts/users.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App } from '../../platform/http/types.js';
import type { UsersDeps } from './service.js';
import { startSession } from '../auth/index.js';
import { presentUser } from '../users/index.js';
import { acceptInvitationAndSignIn, describeInvitation, resendInvitation, revokeInvitation } from './invitations.js';
import { getManagedUser } from './service.js';

const tags = ['users'];
const write = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Invitations: resent or revoked by an administrator; read and accepted (which signs in) from the e-mailed link. */
export async function invitationRoutes(app: App, { db, config }: UsersDeps) {
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

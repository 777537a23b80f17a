import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  completePasswordResetBody,
  passwordResetLinkSchema,
  passwordResetRequestBody,
  passwordResetTokenParams,
} from '../../../shared/contracts/password-reset.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import {
  completePasswordReset,
  describePasswordReset,
  requestPasswordReset,
  sendPasswordResetByAdministrator,
} from './service.js';

const tags = ['password reset'];

/** "Forgot password?", the e-mailed link's page, and an administrator's "Send a password reset". */
export async function passwordResetRoutes(app: App, { database, config }: Deps) {
  const { db } = database;

  app.post('/api/v1/password-resets', {
    config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Forgot password: e-mails a single-use link (1 hour) to the active users with this e-mail',
      description:
        'The answer is the same (202) whether or not a user has this e-mail, and takes as long. At most 3 e-mails per address per 15 minutes (more are answered alike and send nothing); at most 20 requests per client address per 15 minutes (then 429).',
      body: passwordResetRequestBody,
      response: { 202: z.null(), 400: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      await requestPasswordReset(db, config, contextOf(request), request.body.email);
      return reply.status(202).send(null);
    },
  });

  app.get('/api/v1/password-resets/:token', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'What a password-reset link is for; 404 alike for unknown, expired, used and replaced links',
      params: passwordResetTokenParams,
      response: { 200: passwordResetLinkSchema, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request) => describePasswordReset(db, request.params.token),
  });

  app.post('/api/v1/password-resets/:token', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Set a new password from a reset link (it works once); every session of the user ends',
      description: 'The person then signs in with the new password; a second factor, if they have one, is still asked.',
      params: passwordResetTokenParams,
      body: completePasswordResetBody,
      response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      await completePasswordReset(db, contextOf(request), request.params.token, request.body.password);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/users/:id/password-reset', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['users'],
      summary: 'Send a password-reset link to an active user (it replaces any earlier link)',
      params: idParams,
      response: {
        204: z.null(),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      await sendPasswordResetByAdministrator(db, config, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}

import { z } from 'zod';
import { changePasswordBody, meResponse, updateMeBody } from '../../../shared/contracts/me.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import { abilitiesOf } from '../../../shared/permissions.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import { presentedAccountWith } from '../accounts/index.js';
import { settingsFor } from '../settings/index.js';
import { mustEnrolTwoFactor } from '../auth/index.js';
import { findUser, presentUser } from '../users/index.js';
import { changeOwnPassword, updateOwnProfile } from './service.js';

/**
 * Asked for by every page: its reads go out at once, the account's settings read once for both the
 * company label and the two-factor rule (`settingsFor`, the request's).
 */
async function presentMe(db: Db, request: FastifyRequest) {
  const actor = actorOf(request);
  const [user, account, mustEnrol] = await Promise.all([
    findUser(db, actor.accountId, actor.userId),
    presentedAccountWith(db, actor.accountId, settingsFor(request, db, actor.accountId)),
    mustEnrolTwoFactor(db, request, actor),
  ]);
  return {
    user: presentUser(user!),
    account,
    abilities: abilitiesOf(actor.role),
    csrfToken: request.session?.csrfToken ?? null,
    authenticatedBy: actor.via,
    mustEnrolTwoFactor: mustEnrol,
  };
}

export async function meRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/me', {
    config: { permission: 'profile.read' },
    schema: {
      tags: ['me'],
      summary: 'The signed-in user, their account and abilities',
      response: { 200: meResponse, 401: errorResponse },
    },
    handler: async (request) => presentMe(db, request),
  });

  app.patch('/api/v1/me', {
    config: { permission: 'profile.update' },
    schema: {
      tags: ['me'],
      summary: 'Change your own name, language or time zone',
      body: updateMeBody,
      response: { 200: meResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      await updateOwnProfile(db, contextOf(request), actorOf(request), request.body);
      return presentMe(db, request);
    },
  });

  app.post('/api/v1/me/password', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['me'],
      summary: 'Change your password (needs the current one); ends your other sessions and revokes your API tokens',
      description:
        'Wrong current passwords count toward the sign-in throttle (429 with Retry-After). Not with an API token.',
      body: changePasswordBody,
      response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 403: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      await changeOwnPassword(db, contextOf(request), actorOf(request), request.body, request.session?.idHash);
      return reply.status(204).send(null);
    },
  });
}

import { z } from 'zod';
import { loginBody, loginResponse } from '../../../shared/contracts/auth.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import type { App, Deps } from '../../platform/http/types.js';
import { contextOf } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/record.js';
import { findUser } from '../users/repository.js';
import { presentUser } from '../users/presenter.js';
import { assertCsrf, identify } from './authenticate.js';
import { clearSessionCookie } from './session-cookie.js';
import { deleteSession } from './session-repository.js';
import { startSession, verifyCredentials } from './service.js';

export async function authRoutes(app: App, { database, config }: Deps) {
  const { db } = database;

  app.post('/api/v1/auth/login', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      body: loginBody,
      response: { 200: loginResponse, 400: errorResponse, 401: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const verified = await verifyCredentials(db, contextOf(request), request.body.email, request.body.password);
      const csrfToken = await startSession(db, request, reply, verified, config.secureCookies);
      const user = await findUser(db, verified.accountId, verified.id);
      return { user: presentUser(user!), csrfToken };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session and clears its cookie', response: { 204: z.null(), 403: errorResponse } },
    handler: async (request, reply) => {
      // an ended or unknown session is already signed out: nothing to do but clear the cookie
      const actor = await identify(db, request, reply).catch(() => null);
      if (actor && request.session) {
        assertCsrf(request);
        const idHash = request.session.idHash;
        await db.transaction(async (tx) => {
          await deleteSession(tx, idHash);
          await recordAudit(tx, { ...contextOf(request), actor }, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
        });
      }
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });
}

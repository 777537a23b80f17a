import { setupBody, setupStatusResponse } from '../../../shared/contracts/setup.js';
import { loginResponse } from '../../../shared/contracts/auth.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import type { App, Deps } from '../../platform/http/types.js';
import { contextOf } from '../../platform/http/request-context.js';
import { startSession } from '../auth/index.js';
import { findUser, presentUser } from '../users/index.js';
import { completeSetup, setupRequired } from './service.js';

export async function setupRoutes(app: App, { database, config }: Deps) {
  const { db } = database;

  app.get('/api/v1/setup', {
    config: { permission: 'public' },
    schema: {
      tags: ['setup'],
      summary: 'Whether this Tandem still needs its first account',
      response: { 200: setupStatusResponse },
    },
    handler: async () => ({ required: await setupRequired(db) }),
  });

  app.post('/api/v1/setup', {
    config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['setup'],
      summary: 'Create the first account with the one-time setup token (only while no account exists)',
      body: setupBody,
      response: { 201: loginResponse, 400: errorResponse, 403: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      // the events of setup are the system's: no one is signed in yet
      const { admin } = await completeSetup(db, { ...contextOf(request), system: true }, request.body);
      const csrfToken = await startSession(db, request, reply, admin, config.secureCookies);
      const user = await findUser(db, admin.accountId, admin.id);
      return reply.status(201).send({ user: presentUser(user!), csrfToken });
    },
  });
}

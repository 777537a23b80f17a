import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  confirmTwoFactorBody,
  enrolmentSchema,
  passwordConfirmationBody,
  recoveryCodesSchema,
  twoFactorStatusSchema,
} from '../../../shared/contracts/two-factor.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  resetTwoFactor,
  startEnrolment,
  twoFactorStatus,
  type SignInControls,
} from './service.js';

/**
 * Two-factor sign-in (TOTP): your own enrolment from My account, and an administrator's reset. `signIn` is what
 * this module needs of auth (which depends on it): app.ts passes auth's functions.
 */
export async function twoFactorRoutes(app: App, { database, secrets }: Deps, signIn: SignInControls) {
  const { db } = database;
  app.get('/api/v1/me/two-factor', {
    config: { permission: 'profile.read' },
    schema: {
      tags: ['two-factor'],
      summary: 'Whether your sign-in asks for a code, and how many recovery codes you have left',
      response: { 200: twoFactorStatusSchema, 401: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return twoFactorStatus(db, actor.accountId, actor.userId);
    },
  });

  app.post('/api/v1/me/two-factor', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['two-factor'],
      summary:
        'Start setting up an authenticator app (needs your password): a new secret as a QR code and a key to type',
      description:
        'Nothing changes at sign-in until the first code is confirmed. Starting again replaces an unconfirmed secret; with two-factor sign-in already on, 409. Wrong passwords count toward the sign-in throttle. Not with an API token.',
      body: passwordConfirmationBody,
      response: {
        201: enrolmentSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await startEnrolment(db, secrets, contextOf(request), actorOf(request), request.body.password, signIn)),
  });

  app.post('/api/v1/me/two-factor/confirm', {
    config: { permission: 'profile.update', sessionOnly: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['two-factor'],
      summary: 'Turn two-factor sign-in on with a first code of the app; answers ten recovery codes, shown once',
      body: confirmTwoFactorBody,
      response: {
        200: recoveryCodesSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request) => confirmEnrolment(db, secrets, contextOf(request), actorOf(request), request.body.code),
  });

  app.delete('/api/v1/me/two-factor', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['two-factor'],
      summary: 'Turn two-factor sign-in off (needs your password); recovery codes are deleted',
      body: passwordConfirmationBody,
      response: {
        204: z.null(),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      await disableTwoFactor(db, contextOf(request), actorOf(request), request.body.password, signIn);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/me/two-factor/recovery-codes', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['two-factor'],
      summary: 'Replace your recovery codes by ten new ones (needs your password); the old ones stop working',
      body: passwordConfirmationBody,
      response: {
        200: recoveryCodesSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request) =>
      regenerateRecoveryCodes(db, contextOf(request), actorOf(request), request.body.password, signIn),
  });

  app.delete('/api/v1/users/:id/two-factor', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['two-factor'],
      summary:
        "Reset another user's two-factor sign-in (lost phone): their authenticator and every passkey are removed, their sessions end and they are e-mailed",
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
      await resetTwoFactor(db, contextOf(request), actorOf(request), request.params.id, signIn);
      return reply.status(204).send(null);
    },
  });
}

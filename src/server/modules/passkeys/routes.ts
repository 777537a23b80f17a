import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInResponse } from '../../../shared/contracts/auth.js';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  ceremonyOptionsSchema,
  passkeyAssertionBody,
  passkeyListSchema,
  passkeySchema,
  registerPasskeyBody,
  renamePasskeyBody,
} from '../../../shared/contracts/passkeys.js';
import { passwordConfirmationBody } from '../../../shared/contracts/two-factor.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentUser, type UserWithAccess } from '../users/index.js';
import { relyingPartyOf } from './relying-party.js';
import {
  deleteMyPasskey,
  finishRegistration,
  myPasskeys,
  renameMyPasskey,
  startRegistration,
  type PasswordCheck,
} from './service.js';
import { passkeyProof, startPasskeySecondFactor, startPasskeySignIn, verifyPasskeySignIn } from './sign-in.js';
import type { Queryable } from '../../platform/db/pool.js';

type Pending = { idHash: string; user: UserWithAccess };

/** What this module needs of auth (which reads its table): app.ts passes auth's functions. */
export interface PasskeySignInControls extends PasswordCheck {
  startSession(
    db: Db,
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserWithAccess,
    secureCookies: boolean,
    method: { method: 'passkey' },
  ): Promise<string>;
  pendingSignIn(db: Db, request: FastifyRequest): Promise<Pending | null>;
  assertCsrf(request: FastifyRequest): void;
  completeSecondFactor(
    db: Db,
    request: FastifyRequest,
    reply: FastifyReply,
    pending: Pending,
    proof: { check(tx: Queryable): Promise<'passkey' | null>; refusal(): AppError },
    options: { secureCookies: boolean },
  ): Promise<{ csrfToken: string; user: UserWithAccess }>;
}

const noPendingSignIn = () =>
  new AppError(
    'unauthenticated',
    'No sign-in is waiting for a second factor here, or it expired after 5 minutes. Sign in again with your password.',
  );

const refusedSecondStep = () =>
  new AppError(
    'invalid_credentials',
    'This passkey was not accepted: use one of your own passkeys, and confirm it is you on your device (PIN, fingerprint or face).',
    { reason: 'passkey_refused' },
  );

/**
 * Passkeys: your own from My account (session only; registering and removing ask for the password),
 * signing in with a passkey alone, and a passkey as the second step of a password sign-in.
 */
export async function passkeyRoutes(app: App, { database, config }: Deps, signIn: PasskeySignInControls) {
  const { db } = database;
  const rp = relyingPartyOf(config);
  const sessionHashOf = (request: FastifyRequest) => request.session!.idHash;

  app.get('/api/v1/me/passkeys', {
    config: { permission: 'profile.read', sessionOnly: true },
    schema: {
      tags: ['passkeys'],
      summary: 'Your passkeys: name, when each was added and last used',
      response: { 200: passkeyListSchema, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => ({ items: await myPasskeys(db, actorOf(request)) }),
  });

  app.post('/api/v1/me/passkeys/options', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['passkeys'],
      summary: 'Start adding a passkey (needs your password): the options for navigator.credentials.create()',
      description:
        'The challenge is kept for this session for two minutes and used once. Wrong passwords count toward the sign-in throttle. Not with an API token.',
      body: passwordConfirmationBody,
      response: {
        200: ceremonyOptionsSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request) => ({
      options: await startRegistration(
        db,
        contextOf(request),
        rp,
        actorOf(request),
        sessionHashOf(request),
        request.body.password,
        signIn,
      ),
    }),
  });

  app.post('/api/v1/me/passkeys', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['passkeys'],
      summary: 'Add a passkey: its name and what navigator.credentials.create() answered',
      description:
        'The answer must be to this session’s pending challenge, from this server’s address, with the user verified. 409 when no challenge is pending (or it expired) or the passkey is already registered.',
      body: registerPasskeyBody,
      response: {
        201: passkeySchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await finishRegistration(
            db,
            contextOf(request),
            rp,
            actorOf(request),
            sessionHashOf(request),
            request.body.name,
            request.body.response,
          ),
        ),
  });

  app.patch('/api/v1/me/passkeys/:id', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['passkeys'],
      summary: 'Rename one of your passkeys',
      params: idParams,
      body: renamePasskeyBody,
      response: { 200: passkeySchema, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) =>
      renameMyPasskey(db, contextOf(request), actorOf(request), request.params.id, request.body.name),
  });

  app.delete('/api/v1/me/passkeys/:id', {
    config: { permission: 'profile.update', sessionOnly: true },
    schema: {
      tags: ['passkeys'],
      summary: 'Remove one of your passkeys (needs your password)',
      params: idParams,
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
      await deleteMyPasskey(db, contextOf(request), actorOf(request), request.params.id, request.body.password, signIn);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/auth/passkey/options', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Start signing in with a passkey alone: options for navigator.credentials.get()',
      description: 'Sets a two-minute cookie that binds the challenge to this browser.',
      response: { 200: ceremonyOptionsSchema, 429: errorResponse },
    },
    handler: async (request, reply) => ({
      options: await startPasskeySignIn(db, request, reply, rp, config.secureCookies),
    }),
  });

  app.post('/api/v1/auth/passkey', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a passkey alone (both factors): sets the session cookie',
      description:
        'The answer of navigator.credentials.get() to the challenge this browser started, the user verified. 401 with `passkey_unknown`, `passkey_not_verified` or `passkey_refused`; 409 `passkey_ceremony_expired`.',
      body: passkeyAssertionBody,
      response: {
        200: signedInResponse,
        400: errorResponse,
        401: errorResponse,
        409: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const user = await verifyPasskeySignIn(db, request, reply, rp, request.body.response);
      const csrfToken = await signIn.startSession(db, request, reply, user, config.secureCookies, {
        method: 'passkey',
      });
      return { user: presentUser(user), csrfToken };
    },
  });

  app.post('/api/v1/auth/login/passkey/options', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Second step of sign-in with a passkey: options for navigator.credentials.get()',
      description: 'Needs the session cookie and X-CSRF-Token that POST /auth/login gave with `twoFactorRequired`.',
      response: { 200: ceremonyOptionsSchema, 401: errorResponse, 403: errorResponse, 429: errorResponse },
    },
    handler: async (request) => {
      const pending = await signIn.pendingSignIn(db, request);
      if (!pending) throw noPendingSignIn();
      signIn.assertCsrf(request);
      return { options: await startPasskeySecondFactor(db, rp, pending) };
    },
  });

  app.post('/api/v1/auth/login/passkey', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Second step of sign-in: the answer of one of your passkeys',
      description:
        'On success, the session is replaced by a new one (new cookie, new CSRF token). Refusals count toward the sign-in throttle, like wrong codes.',
      body: passkeyAssertionBody,
      response: {
        200: signedInResponse,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const pending = await signIn.pendingSignIn(db, request);
      if (!pending) throw noPendingSignIn();
      signIn.assertCsrf(request);
      const proof = { check: passkeyProof(rp, pending, request.body.response), refusal: refusedSecondStep };
      const { csrfToken, user } = await signIn.completeSecondFactor(db, request, reply, pending, proof, {
        secureCookies: config.secureCookies,
      });
      return { user: presentUser(user), csrfToken };
    },
  });
}

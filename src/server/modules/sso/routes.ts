import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  createSsoProviderBody,
  ssoProviderListResponse,
  ssoProviderSchema,
  ssoTestResponse,
  breakGlassBody,
  breakGlassListResponse,
  updateSsoProviderBody,
} from '../../../shared/contracts/sso.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { accountSignInUrlOf, presentProvider } from './presenter.js';
import * as service from './provider-service.js';
import { listBreakGlass, setBreakGlass } from './break-glass.js';

const tags = ['sso'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const rules =
  'Administrators only (identity.manage). The client secret is written, never read back. A provider of another account answers 404, as a missing one does.';

/** The account's OpenID Connect providers: list, add, read, change, remove, test. */
export async function ssoProviderRoutes(app: App, { database, config, secrets }: Deps): Promise<void> {
  const { db } = database;
  const publicUrl = publicUrlOf(config);
  const present = (row: Parameters<typeof presentProvider>[0]) => presentProvider(row, publicUrl);

  app.get('/api/v1/sso-providers', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: "The account's sign-in providers, and its own sign-in address",
      description: rules,
      response: { 200: ssoProviderListResponse, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return {
        items: (await service.listProviders(db, actor)).map(present),
        signInUrl: accountSignInUrlOf(publicUrl, actor.accountId),
      };
    },
  });

  app.post('/api/v1/sso-providers', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Add an OpenID Connect provider: issuer, client id and secret, scopes, groups claim, e-mail domains',
      description: `${rules} Each e-mail domain leads to one provider of one account (400 \`taken\` otherwise).`,
      body: createSsoProviderBody,
      response: { 201: ssoProviderSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(present(await service.createProvider(db, secrets, contextOf(request), actorOf(request), request.body))),
  });

  app.get('/api/v1/sso-providers/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'A sign-in provider',
      description: rules,
      params: idParams,
      response: { 200: ssoProviderSchema, ...errors },
    },
    handler: async (request) => present(await service.getProvider(db, actorOf(request), request.params.id)),
  });

  app.patch('/api/v1/sso-providers/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Change a sign-in provider (a new client secret replaces the old one)',
      description: rules,
      params: idParams,
      body: updateSsoProviderBody,
      response: { 200: ssoProviderSchema, ...errors },
    },
    handler: async (request) =>
      present(
        await service.updateProvider(
          db,
          secrets,
          contextOf(request),
          actorOf(request),
          request.params.id,
          request.body,
        ),
      ),
  });

  app.delete('/api/v1/sso-providers/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Remove a sign-in provider (its users stay; they sign in another way)',
      description: rules,
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await service.deleteProvider(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/sso-providers/:id/test', {
    config: { permission: 'identity.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: "Fetch the provider's discovery document and say what was found, or why it cannot be used",
      description: `${rules} Problems: unreachable, not_an_issuer, issuer_mismatch, no_code_flow (always 200 with \`ok\`).`,
      params: idParams,
      response: { 200: ssoTestResponse, ...errors },
    },
    handler: async (request) => service.testProvider(db, contextOf(request), actorOf(request), request.params.id),
  });

  app.get('/api/v1/sso-break-glass', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Administrators, and which may still sign in with a password when single sign-on only is on',
      description:
        'While no active administrator is marked, every administrator keeps their password (the account can never be locked out).',
      response: { 200: breakGlassListResponse, ...errors },
    },
    handler: async (request) => listBreakGlass(db, actorOf(request)),
  });

  app.put('/api/v1/sso-break-glass/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Mark or unmark an administrator as break-glass',
      description: 'Only administrators can be marked (400 not_applicable). A user of another account answers 404.',
      params: idParams,
      body: breakGlassBody,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await setBreakGlass(db, contextOf(request), actorOf(request), request.params.id, request.body.breakGlass);
      return reply.status(204).send(null);
    },
  });
}

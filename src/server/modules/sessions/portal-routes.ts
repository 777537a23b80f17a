import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import { portalSlugParams } from '../../../shared/contracts/portals.js';
import {
  consentBody,
  customerSessionSchema,
  iceServersSchema,
  joinedSessionSchema,
  joinSessionBody,
  sharingBody,
} from '../../../shared/contracts/sessions.js';
import { visitorHeaders, visitorRequestParams } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/pool.js';
import type { App, Deps } from '../../platform/http/types.js';
import { visitorSession, watchableSession } from './access.js';
import { iceServersOf } from './ice-servers.js';
import { consent, leave, setSharing } from './join-actions.js';
import { escalatedSession, joinByCode, type JoinBody } from './join-service.js';
import { customerView } from './join-view.js';

const tags = ['portal'];
const tokenNote =
  "Authenticated by the visitor token of the session's chat (X-Visitor-Token header, or ?token=). A wrong token, session or portal all answer 404.";
const codeNote = `Unknown, used or expired codes, and codes of another company, all answer 404. More than ${limits.sessionCodeFailuresPerAddress} wrong codes from one address in ${limits.sessionCodeWindowMinutes} minutes (every portal and the join page together) answer 429 before any code is looked up. A session without a chat needs \`name\` (400 otherwise): a live chat with its technician is opened, and the answer's visitor token is the customer's for both.`;

/** The visitor token as the portal's request routes take it: the header, else `?token=`. */
export const visitorTokenOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['x-visitor-token'];
  if (typeof header === 'string' && header) return header.slice(0, limits.visitorToken);
  const query = (request.query as { token?: unknown } | undefined)?.token;
  return typeof query === 'string' ? query.slice(0, limits.visitorToken) : undefined;
};

const sessionParams = portalSlugParams.extend({ id: z.uuid() });
const tokenQuery = z.object({ token: z.string().max(limits.visitorToken).optional() });
const joinResponses = { 400: errorResponse, 404: errorResponse, 429: errorResponse };
const actionResponses = { 200: customerSessionSchema, 400: errorResponse, 404: errorResponse, 409: errorResponse };

/** What a customer's change of their session declares beside its body: its address, the visitor token, the session in return. */
const customerAction = (summary: string, description: string) => ({
  tags,
  summary,
  description,
  params: sessionParams,
  headers: visitorHeaders,
  response: actionResponses,
});

/** Entering a code (a portal, or the account's join page) and opening the session a chat was escalated to. */
function joinRoutes(app: App, db: Db): void {
  const joinByCodeOn = (slug: string | null, body: JoinBody, ip: string) => joinByCode(db, slug, body, ip);

  app.post('/api/portal/:slug/sessions', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "Join a remote-support session with the technician's nine-digit code",
      description: codeNote,
      params: portalSlugParams,
      body: joinSessionBody,
      response: { 201: joinedSessionSchema, ...joinResponses },
    },
    handler: async (request, reply) => {
      const joined = await joinByCodeOn(request.params.slug, request.body, request.ip);
      return reply.status(201).header('cache-control', 'no-store').send(joined);
    },
  });

  app.post('/api/join/sessions', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "Join a session from the account's join page (no portal address): the answer names the portal",
      description: `${codeNote} The code alone finds the session (codes are unique on the server); \`slug\` is its company's portal, where the session's customer routes live — they answer even while that portal is disabled.`,
      body: joinSessionBody,
      response: { 201: joinedSessionSchema, ...joinResponses },
    },
    handler: async (request, reply) => {
      const joined = await joinByCodeOn(null, request.body, request.ip);
      return reply.status(201).header('cache-control', 'no-store').send(joined);
    },
  });

  app.post('/api/portal/:slug/requests/:id/session', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'The open session a technician started from this chat',
      description:
        "Authenticated by the chat's visitor token (X-Visitor-Token). Finding the session changes nothing: it becomes `joined` when its customer answers the consent step. None open, or a wrong token, request or portal, answer 404.",
      params: visitorRequestParams,
      headers: visitorHeaders,
      response: { 200: joinedSessionSchema, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const joined = await escalatedSession(db, request.params.slug, request.params.id, visitorTokenOf(request));
      return reply.header('cache-control', 'no-store').send(joined);
    },
  });
}

/** The customer's session, authenticated by its chat's visitor token: read it, consent, sharing, leave, ICE servers. */
function customerRoutes(app: App, db: Db, turnSecret: Config['turnSecret']): void {
  app.get('/api/portal/:slug/sessions/:id', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'The session as its customer sees it (consent step, banner)',
      description: tokenNote,
      params: sessionParams,
      headers: visitorHeaders,
      querystring: tokenQuery,
      response: { 200: customerSessionSchema, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { session } = await visitorSession(db, request.params.slug, request.params.id, visitorTokenOf(request));
      reply.header('cache-control', 'no-store');
      return customerView(db, session);
    },
  });

  app.post('/api/portal/:slug/sessions/:id/consent', {
    config: { permission: 'public' },
    schema: {
      ...customerAction(
        'Agree to the session (it becomes active) or decline it (it ends)',
        `${tokenNote} Only while the session waits for consent (409 otherwise).`,
      ),
      body: consentBody,
    },
    handler: async (request) =>
      consent(db, request.params.slug, request.params.id, visitorTokenOf(request), request.body.consent),
  });

  app.post('/api/portal/:slug/sessions/:id/sharing', {
    config: { permission: 'public' },
    schema: {
      ...customerAction(
        'Say that screen sharing started or stopped (on the timeline, shown to technicians)',
        `${tokenNote} Only while the session is active (409 otherwise).`,
      ),
      body: sharingBody,
    },
    handler: async (request) =>
      setSharing(db, request.params.slug, request.params.id, visitorTokenOf(request), request.body.sharing),
  });

  app.post('/api/portal/:slug/sessions/:id/leave', {
    config: { permission: 'public' },
    schema: customerAction(
      'End the session as its customer (outcome customer_left)',
      `${tokenNote} Leaving a session already over changes nothing.`,
    ),
    handler: async (request) => leave(db, request.params.slug, request.params.id, visitorTokenOf(request)),
  });

  app.get('/api/portal/:slug/sessions/:id/ice-servers', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "The session's STUN and TURN servers, TURN with short-lived credentials",
      description: `${tokenNote} TURN credentials work ${limits.turnCredentialSeconds} seconds (\`expiresAt\`); ask again before.`,
      params: sessionParams,
      headers: visitorHeaders,
      querystring: tokenQuery,
      response: { 200: iceServersSchema, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { session } = await visitorSession(db, request.params.slug, request.params.id, visitorTokenOf(request));
      reply.header('cache-control', 'no-store');
      return iceServersOf(db, session, turnSecret);
    },
  });
}

/** The technician's ICE servers for a session they may watch (the same servers as its customer's). */
function technicianIceRoute(app: App, db: Db, turnSecret: Config['turnSecret']): void {
  app.get('/api/v1/sessions/:id/ice-servers', {
    config: { permission: 'sessions.run' },
    schema: {
      tags: ['sessions'],
      summary: "The session's STUN and TURN servers for a technician who may watch it",
      description:
        'The owner or an invited technician with a Remote Support seat and access to the company; 404 for a session hidden from you, 403 `seat_required`, 409 when it is not joined or active.',
      params: idParams,
      response: {
        200: iceServersSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const session = await watchableSession(db, actorOf(request), request.params.id);
      reply.header('cache-control', 'no-store');
      return iceServersOf(db, session, turnSecret);
    },
  });
}

/** The customer's side: join by code (a portal, or the account's join page), consent, sharing, ICE servers. */
export async function portalSessionRoutes(app: App, { database, config }: Deps): Promise<void> {
  joinRoutes(app, database.db);
  customerRoutes(app, database.db, config.turnSecret);
  technicianIceRoute(app, database.db, config.turnSecret);
}

import { errorResponse } from '../../../shared/contracts/common.js';
import {
  customerRatingSchema,
  rateChatBody,
  ratingSchema,
  ratingSummaryQuery,
  ratingSummarySchema,
} from '../../../shared/contracts/satisfaction.js';
import { visitorHeaders, visitorRequestParams } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { customerRating, rateChat, ratingSummary } from './satisfaction.js';
import { visitorAccess } from './visitor.js';

const tokenOf = (request: FastifyRequest) => {
  const header = request.headers['x-visitor-token'];
  return typeof header === 'string' && header ? header.slice(0, limits.visitorToken) : undefined;
};
const tokenNote =
  'Authenticated by the visitor token (X-Visitor-Token). A wrong token, request or portal all answer 404.';

/** The satisfaction question at the end of a chat: the customer's answer, and the report of them. */
export async function satisfactionRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/portal/:slug/requests/:id/rating', {
    config: { permission: 'public' },
    schema: {
      tags: ['portal'],
      summary: 'Whether the satisfaction question is asked of this chat, and the answer given',
      description: tokenNote,
      params: visitorRequestParams,
      headers: visitorHeaders,
      response: { 200: customerRatingSchema, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const access = await visitorAccess(db, request.params.slug, request.params.id, tokenOf(request));
      reply.header('cache-control', 'no-store');
      return customerRating(db, access);
    },
  });

  app.post('/api/portal/:slug/requests/:id/rating', {
    config: { permission: 'public' },
    schema: {
      tags: ['portal'],
      summary: 'Rate a closed chat from 1 to 5, with an optional comment; once per chat',
      description: `${tokenNote} 409 \`already_rated\` for a second answer; 409 \`rating_not_asked\` when the question is not asked (not a chat a technician held and closed, or the setting \`portal.satisfactionSurvey\` is off).`,
      params: visitorRequestParams,
      headers: visitorHeaders,
      body: rateChatBody,
      response: { 201: ratingSchema, 400: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await rateChat(db, request.params.slug, request.params.id, tokenOf(request), request.body)),
  });

  app.get('/api/v1/support-ratings/summary', {
    config: { permission: 'reports.read' },
    schema: {
      tags: ['support requests'],
      summary: 'Customer satisfaction over a period: count, average and distribution, per technician and per company',
      description:
        'Only the companies in your access are counted; a companyId outside them answers 404. `from` and `to` are whole UTC days, both included.',
      querystring: ratingSummaryQuery,
      response: {
        200: ratingSummarySchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request) => ratingSummary(db, actorOf(request), request.query),
  });
}

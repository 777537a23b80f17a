import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  portalListQuery,
  portalSchema,
  portalSlugParams,
  portalSummarySchema,
  publicPortalSchema,
  updatePortalBody,
} from '../../../shared/contracts/portals.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as service from './service.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The portal of each company (console) and its public face (customers). */
export async function portalRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/portals', {
    config: { permission: 'portals.read' },
    schema: {
      tags: ['portals'],
      summary: 'The portals of the companies you can see, by company name: enabled or not, and their address',
      querystring: portalListQuery,
      response: { 200: listResponse(portalSummarySchema), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const { limit, cursor, q } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const { rows, present } = await service.listPortals(db, actorOf(request), q || undefined, limit + 1, after);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.nameKey, last.companyId]);
      return { items: page.map(present), nextCursor };
    },
  });

  app.get('/api/v1/companies/:id/portal', {
    config: { permission: 'portals.read' },
    schema: {
      tags: ['portals'],
      summary:
        "A company's customer portal: address, texts, fields, business hours, and the portal.* settings in effect",
      description: 'A company outside your access answers 404, as a missing one does.',
      params: idParams,
      response: { 200: portalSchema, ...errors },
    },
    handler: async (request) => service.getPortal(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/companies/:id/portal', {
    config: { permission: 'portals.read' },
    schema: {
      tags: ['portals'],
      summary: "Change a company's portal (administrators); only what is sent changes",
      description:
        'Needs `portals.update` on a company you can see (403 otherwise; 404 for one you cannot see). A slug used by another portal answers 409 with details `{field:"slug", reason:"slug_taken"}`. The wait timeout, offline message and attachments are settings: change them with PATCH /api/v1/companies/{id}/settings.',
      params: idParams,
      body: updatePortalBody,
      response: { 200: portalSchema, ...errors },
    },
    handler: async (request) =>
      service.updatePortal(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.get('/api/portal/:slug', {
    config: { permission: 'public' },
    schema: {
      tags: ['portal'],
      summary: 'What the customer page shows: texts, fields, branding, whether the live queue is open and staffed',
      description: 'A disabled or unknown portal answers 404.',
      params: portalSlugParams,
      response: { 200: publicPortalSchema, 404: errorResponse },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.publicPortal(db, request.params.slug);
    },
  });

  app.get('/api/portal/:slug/logo', {
    config: { permission: 'public' },
    schema: {
      tags: ['portal'],
      summary: "The portal's logo (the company's)",
      params: portalSlugParams,
      produces: ['image/png', 'image/jpeg', 'image/webp'],
      response: { 200: z.unknown().describe('the image'), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const logo = await service.publicLogo(db, request.params.slug);
      reply
        .header('content-type', logo.contentType)
        .header('etag', `"${logo.sha256}"`)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(logo.bytes);
    },
  });
}

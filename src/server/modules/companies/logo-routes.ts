import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import { companyLogoSchema, logoContentTypes } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { AppError } from '../../platform/http/app-error.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { visibleThen } from '../../platform/http/route-docs.js';
import type { Db } from '../../platform/db/pool.js';
import type { App } from '../../platform/http/types.js';
import * as service from './service.js';

const tags = ['companies'];

/** A company's logo: read (with an ETag) and remove here; upload in its own scope, which parses images. */
export async function companyLogoRoutes(app: App, db: Db) {
  app.get('/api/v1/companies/:id/logo', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "The company's logo (PNG, JPEG or WebP), with an ETag",
      description: visibleThen('companies.read', 'company'),
      params: idParams,
      produces: [...logoContentTypes],
      response: {
        200: z.unknown().describe('the image'),
        304: z.null(),
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const logo = await service.getLogo(db, actorOf(request), request.params.id);
      const etag = `"${logo.sha256}"`;
      reply
        .header('etag', etag)
        // the logo is behind sign-in: browsers may keep it but must ask again, cheaply, with the ETag
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox");
      const match = request.headers['if-none-match'];
      if (typeof match === 'string' && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        // an empty body: Fastify sends a string as it is, without serializing it
        return reply.status(304).send('' as unknown as null);
      }
      reply.header('content-type', logo.contentType).header('content-disposition', 'inline; filename="logo"');
      return reply.status(200).send(logo.bytes);
    },
  });

  app.delete('/api/v1/companies/:id/logo', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "Remove the company's logo (administrators)",
      description: visibleThen('companies.update', 'company'),
      params: idParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await service.removeLogo(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  await app.register(async (scope: App) => {
    // Only here does the API read a body that is not JSON: the raw image, 512 KB at most.
    scope.addContentTypeParser(
      [...logoContentTypes],
      { parseAs: 'buffer', bodyLimit: limits.companyLogoBytes },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(
        new AppError(
          'unsupported_media_type',
          'Send the logo as the request body with Content-Type image/png, image/jpeg or image/webp (never SVG).',
        ),
        undefined,
      );
    });

    scope.put('/api/v1/companies/:id/logo', {
      config: { permission: 'companies.read' },
      bodyLimit: limits.companyLogoBytes,
      schema: {
        tags,
        summary:
          "Upload the company's logo (administrators): the raw image as the body, PNG, JPEG or WebP, 512 KB at most",
        description: `${visibleThen('companies.update', 'company')} The image type is checked on the bytes themselves and must match Content-Type (415 otherwise); a larger body answers 413.`,
        consumes: [...logoContentTypes],
        params: idParams,
        response: {
          200: companyLogoSchema,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          413: errorResponse,
          415: errorResponse,
        },
      },
      handler: async (request) =>
        service.putLogo(
          db,
          contextOf(request),
          actorOf(request),
          request.params.id,
          String(request.headers['content-type'] ?? ''),
          request.body,
        ),
    });
  });
}

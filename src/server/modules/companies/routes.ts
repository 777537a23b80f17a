import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  companyDetailSchema,
  companyFilterSchema,
  companyListQuery,
  companyLogoSchema,
  companySchema,
  companyUserParams,
  companyUserSchema,
  companyUsersQuery,
  createCompanyBody,
  dataKeySchema,
  logoContentTypes,
  updateCompanyBody,
} from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { AppError } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentCompany, presentCompanyUser } from './presenter.js';
import * as service from './service.js';

const tags = ['companies'];

/** Routes whose target is a company: the id decides 404 before the permission decides 403. */
const visibleThen = (permission: string) =>
  `Needs \`${permission}\` on a company you can see. Another account's company, one outside your company access and a missing one all answer 404; a visible one without the permission answers 403.`;

/** What a companies cursor holds for each sort: the lower-cased name, creation in microseconds, a count. */
const companySortKey = {
  name: cursorPart.text,
  createdAt: cursorPart.bigint,
  usersCount: cursorPart.count,
  devicesCount: cursorPart.count,
} as const;

/** What companies need of the modules built on them; app.ts passes them in. */
export interface CompanyPorts {
  /** a company's time zone, as its settings say */
  timeZoneOf: service.CompanyTimeZone;
  /** how many devices a company has (a company with devices is not deleted) */
  deviceCountOf: service.CompanyDeviceCount;
}

export async function companyRoutes(app: App, { database }: Deps, { timeZoneOf, deviceCountOf }: CompanyPorts) {
  const { db } = database;

  app.get('/api/v1/companies', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'The companies you can see, with their counts of users and devices',
      querystring: companyListQuery,
      response: { 200: listResponse(companySchema), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, q, sort, order } = request.query;
      const key = decodeCursor(
        cursor,
        z.tuple([...cursorPart.sortedBy(sort, order), companySortKey[sort], cursorPart.id]),
      );
      const after: [string | number, string] | null = key && [key[2], key[3]];
      const rows = await service.listCompanies(db, actor, { q: q || undefined, sort, order }, limit + 1, after);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [sort, order, last.sortKey, last.id]);
      return { items: page.map((row) => presentCompany(row, actor)), nextCursor };
    },
  });

  app.post('/api/v1/companies', {
    config: { permission: 'companies.create' },
    schema: {
      tags,
      summary: 'Create a company; its name must be new in the account, whatever its case',
      body: createCompanyBody,
      response: {
        201: companyDetailSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const company = await service.createCompany(db, contextOf(request), actorOf(request), request.body, timeZoneOf);
      return reply.status(201).send(company);
    },
  });

  app.get('/api/v1/companies/:id', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'One company; its data key only for administrators',
      description: visibleThen('companies.read'),
      params: idParams,
      response: { 200: companyDetailSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => service.getCompany(db, actorOf(request), request.params.id, timeZoneOf),
  });

  app.patch('/api/v1/companies/:id', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'Rename a company or change its colour (administrators)',
      description: visibleThen('companies.update'),
      params: idParams,
      body: updateCompanyBody,
      response: {
        200: companyDetailSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request) =>
      service.updateCompany(db, contextOf(request), actorOf(request), request.params.id, request.body, timeZoneOf),
  });

  app.delete('/api/v1/companies/:id', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'Delete a company (administrators)',
      description: `${visibleThen('companies.delete')} Refused with 409 when it is the last company (details.reason \`last_company\`), when it has devices (\`has_devices\`, with deviceCount: move them with move-devices or clear the inventory), or when users would be left with no company (\`users_left_without_company\`, with the users).`,
      params: idParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await service.deleteCompany(db, contextOf(request), actorOf(request), request.params.id, deviceCountOf);
      return reply.status(204).send(null);
    },
  });

  // --- data key
  app.post('/api/v1/companies/:id/data-key/rotate', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'Replace the data key (administrators): new enrolments need the new key; enrolled devices keep working',
      description: visibleThen('companies.update'),
      params: idParams,
      response: { 200: dataKeySchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => service.rotateDataKey(db, contextOf(request), actorOf(request), request.params.id),
  });

  // --- user access
  app.get('/api/v1/companies/:id/users', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'Who can reach this company (scope=access), or who could be given it (scope=candidates)',
      description: visibleThen('users.read'),
      params: idParams,
      querystring: companyUsersQuery,
      response: {
        200: listResponse(companyUserSchema),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request) => {
      const { limit, cursor, q, scope } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const rows = await service.listCompanyUsers(
        db,
        actorOf(request),
        request.params.id,
        { scope, q: q || undefined },
        limit + 1,
        after,
      );
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.nameKey, last.id]);
      return { items: page.map(presentCompanyUser), nextCursor };
    },
  });

  app.put('/api/v1/companies/:id/users/:userId', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'Give a user access to this company (administrators)',
      description: `${visibleThen('users.manage')} Administrators and "all companies" users already have every company (409).`,
      params: companyUserParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await service.grantAccess(db, contextOf(request), actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  });

  app.delete('/api/v1/companies/:id/users/:userId', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "Remove a user's access to this company (administrators)",
      description: `${visibleThen('users.manage')} Refused (409) when it is the user's only company, or when they have every company.`,
      params: companyUserParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await service.revokeAccess(db, contextOf(request), actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  });

  // --- logo: read and remove here; upload in its own scope, which parses images
  app.get('/api/v1/companies/:id/logo', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "The company's logo (PNG, JPEG or WebP), with an ETag",
      description: visibleThen('companies.read'),
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
      description: visibleThen('companies.update'),
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
        description: `${visibleThen('companies.update')} The image type is checked on the bytes themselves and must match Content-Type (415 otherwise); a larger body answers 413.`,
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

  // --- the company switcher's remembered choice
  app.get('/api/v1/me/company-filter', {
    config: { permission: 'profile.read' },
    schema: {
      tags: ['me'],
      summary: 'The company the console shows you (null: all your companies)',
      response: { 200: companyFilterSchema, 401: errorResponse },
    },
    handler: async (request) => ({ companyId: await service.getCompanyFilter(db, actorOf(request)) }),
  });

  app.put('/api/v1/me/company-filter', {
    config: { permission: 'profile.update' },
    schema: {
      tags: ['me'],
      summary: 'Remember the company the console shows you (null: all); a company you cannot see answers 404',
      body: companyFilterSchema,
      response: {
        200: companyFilterSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request) => ({
      companyId: await service.setCompanyFilter(db, actorOf(request), request.body.companyId),
    }),
  });
}

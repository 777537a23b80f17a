import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  companyChoiceSchema,
  companyChoicesQuery,
  companyDetailSchema,
  companyListQuery,
  companySchema,
  createCompanyBody,
  dataKeySchema,
  updateCompanyBody,
} from '../../../shared/contracts/companies.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentCompany } from './presenter.js';
import * as service from './service.js';
import { companyAccessRoutes } from './access-routes.js';
import { companyFilterRoutes } from './company-filter-routes.js';
import { companyLogoRoutes } from './logo-routes.js';
import { visibleThen } from '../../platform/http/route-docs.js';

const tags = ['companies'];

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

  app.get('/api/v1/companies/choices', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary:
        'The companies you can see as choices: names and colours, by name (no counts: quick on a large inventory)',
      querystring: companyChoicesQuery,
      response: {
        200: listResponse(companyChoiceSchema),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
      },
    },
    handler: async (request) => {
      const { limit, cursor, q } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const rows = await service.listCompanyChoices(db, actorOf(request), q || undefined, limit + 1, after);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.sortKey, last.id]);
      return { items: page.map(({ id, name, color }) => ({ id, name, color })), nextCursor };
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
      description: visibleThen('companies.read', 'company'),
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
      description: visibleThen('companies.update', 'company'),
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
      description: `${visibleThen('companies.delete', 'company')} Refused with 409 when it is the last company (details.reason \`last_company\`), when it has devices (\`has_devices\`, with deviceCount: move them with move-devices or clear the inventory), or when users would be left with no company (\`users_left_without_company\`, with the users).`,
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
      description: visibleThen('companies.update', 'company'),
      params: idParams,
      response: { 200: dataKeySchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => service.rotateDataKey(db, contextOf(request), actorOf(request), request.params.id),
  });

  await companyAccessRoutes(app, db);
  await companyLogoRoutes(app, db);
  await companyFilterRoutes(app, db);
}

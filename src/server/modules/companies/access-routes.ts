import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import { companyUserParams, companyUserSchema, companyUsersQuery } from '../../../shared/contracts/companies.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { visibleThen } from '../../platform/http/route-docs.js';
import type { Db } from '../../platform/db/pool.js';
import type { App } from '../../platform/http/types.js';
import { presentCompanyUser } from './presenter.js';
import * as service from './service.js';

const tags = ['companies'];

/** Who can reach a company, who could be given it; giving and removing access. */
export async function companyAccessRoutes(app: App, db: Db) {
  app.get('/api/v1/companies/:id/users', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'Who can reach this company (scope=access), or who could be given it (scope=candidates)',
      description: visibleThen('users.read', 'company'),
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
      description: `${visibleThen('users.manage', 'company')} Administrators and "all companies" users already have every company (409).`,
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
      description: `${visibleThen('users.manage', 'company')} Refused (409) when it is the user's only company, or when they have every company.`,
      params: companyUserParams,
      response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await service.revokeAccess(db, contextOf(request), actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  });
}

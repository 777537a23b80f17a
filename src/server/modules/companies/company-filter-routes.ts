import { errorResponse } from '../../../shared/contracts/common.js';
import { companyFilterSchema } from '../../../shared/contracts/companies.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { Db } from '../../platform/db/pool.js';
import type { App } from '../../platform/http/types.js';
import * as service from './service.js';

/** The company the console shows someone: their company switcher's remembered choice. */
export async function companyFilterRoutes(app: App, db: Db) {
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

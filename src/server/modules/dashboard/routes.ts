import { errorResponse } from '../../../shared/contracts/common.js';
import { dashboardQuery, dashboardResponse } from '../../../shared/contracts/dashboard.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { dashboardOf } from './service.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/** The operations dashboard: live counts for the console's home page. */
export async function dashboardRoutes(app: App, { database }: Deps) {
  app.get('/api/v1/dashboard', {
    config: { permission: 'account.read' },
    schema: {
      tags: ['dashboard'],
      summary: 'Live counts: requests waiting, technicians available, devices online and offline, alerts, seats',
      description:
        'Each section you may not open is null (devices: devices.read; alerts: alerts.read; seats: seats.read; the ' +
        'live queue: requests.answer and a Remote Support seat). Counts cover your companies, or `companyId` alone; ' +
        'a company outside your access answers 404.',
      querystring: dashboardQuery,
      response: { 200: dashboardResponse, ...errors },
    },
    handler: async (request) => dashboardOf(database.db, actorOf(request), request.query.companyId),
  });
}

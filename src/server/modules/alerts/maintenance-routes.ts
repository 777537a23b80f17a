import { z } from 'zod';
import {
  createMaintenanceWindowBody,
  maintenanceWindowList,
  maintenanceWindowQuery,
  maintenanceWindowSchema,
  updateMaintenanceWindowBody,
} from '../../../shared/contracts/maintenance.js';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import {
  createMaintenanceWindow,
  deleteMaintenanceWindow,
  getMaintenanceWindow,
  listMaintenanceWindows,
  updateMaintenanceWindow,
} from './maintenance-service.js';

const refusals = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/**
 * Maintenance windows of companies. As for alert rules, routes on one window declare `alerts.read`
 * and the service checks `alerts.manage` after visibility: another company's window is a 404.
 */
export async function maintenanceRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/maintenance-windows', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Maintenance windows you may see: upcoming and in force (or ended), optionally of one company',
      querystring: maintenanceWindowQuery,
      response: { 200: maintenanceWindowList, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => ({ items: await listMaintenanceWindows(db, actorOf(request), request.query) }),
  });

  app.post('/api/v1/maintenance-windows', {
    config: { permission: 'alerts.manage' },
    schema: {
      tags: ['alerts'],
      summary: 'Create a maintenance window: a company, a start and end, hold or drop its alerts, a reason',
      body: createMaintenanceWindowBody,
      response: { 201: maintenanceWindowSchema, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createMaintenanceWindow(db, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/maintenance-windows/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'One maintenance window',
      params: idParams,
      response: { 200: maintenanceWindowSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => getMaintenanceWindow(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/maintenance-windows/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Change a maintenance window (administrators)',
      params: idParams,
      body: updateMaintenanceWindowBody,
      response: { 200: maintenanceWindowSchema, ...refusals },
    },
    handler: async (request) =>
      updateMaintenanceWindow(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/maintenance-windows/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Delete a maintenance window (administrators)',
      params: idParams,
      response: { 204: z.null(), ...refusals },
    },
    handler: async (request, reply) => {
      await deleteMaintenanceWindow(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}

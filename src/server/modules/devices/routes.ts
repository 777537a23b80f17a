import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  deviceCountResponse,
  deviceDetailSchema,
  deviceExportQuery,
  deviceFilterQuery,
  deviceListQuery,
  deviceSchema,
  moveDevicesBody,
  movePreviewSchema,
  moveResultSchema,
  updateDeviceBody,
} from '../../../shared/contracts/devices.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { sendCsvDownload } from '../../platform/http/csv-download.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { companyInventoryRoutes } from './company-inventory-routes.js';
import { deviceCsvLines } from './csv-export.js';
import { presentDevice } from './presenter.js';
import * as service from './service.js';
import { visibleThen } from '../../platform/http/route-docs.js';

const tags = ['devices'];

/** What the devices routes need of modules built on them (app.ts fills it). */
export interface DevicePorts {
  onRevoked: service.OnDeviceRevoked;
}
const read = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export async function deviceRoutes(app: App, deps: Deps, ports: DevicePorts) {
  const { db } = deps.database;
  await companyInventoryRoutes(app, deps);

  app.get('/api/v1/devices', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary: 'The inventory: devices of the companies you can see, searched, filtered, sorted, keyset-paginated',
      description:
        'The count is a separate request (`/api/v1/devices/count`) so that paging never counts. A companyId you cannot see answers 404.',
      querystring: deviceListQuery,
      response: { 200: listResponse(deviceSchema), ...read },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, ...filter } = request.query;
      const key = decodeCursor(
        cursor,
        z.tuple([
          ...cursorPart.sortedBy(filter.sort, filter.order),
          filter.sort === 'name' ? cursorPart.text : cursorPart.pgTime,
          cursorPart.id,
        ]),
      );
      const after: [string, string] | null = key && [key[2], key[3]];
      const rows = await service.listDevices(db, actor, filter, limit + 1, after);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [filter.sort, filter.order, last.sortKey, last.id]);
      return { items: page.map((row) => presentDevice(row, actor)), nextCursor };
    },
  });

  app.get('/api/v1/devices/count', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary: 'How many devices match the same filters as the list',
      querystring: deviceFilterQuery,
      response: { 200: deviceCountResponse, ...read },
    },
    handler: async (request) => ({ count: await service.countDevices(db, actorOf(request), request.query) }),
  });

  app.get('/api/v1/devices/export.csv', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary: 'The devices matching the filters, as CSV, with the columns chosen (spreadsheet formulas neutralised)',
      querystring: deviceExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV file'), ...read },
    },
    handler: async (request, reply) => {
      const { columns, ...filter } = request.query;
      return sendCsvDownload(reply, 'devices', deviceCsvLines(db, actorOf(request), filter, columns));
    },
  });

  app.post('/api/v1/devices/move/preview', {
    config: { permission: 'devices.move' },
    schema: {
      tags,
      summary: 'What a move would do: how many devices, from which companies, and who would gain or lose sight of them',
      description:
        'Devices you cannot see (or missing) answer 404; a target company you cannot see answers 400 on targetCompanyId.',
      body: moveDevicesBody,
      response: { 200: movePreviewSchema, ...read },
    },
    handler: async (request) =>
      service.previewMove(db, actorOf(request), request.body.deviceIds, request.body.targetCompanyId),
  });

  app.post('/api/v1/devices/move', {
    config: { permission: 'devices.move' },
    schema: {
      tags,
      summary: 'Move devices to another company (administrators); audited with who gained and lost sight of them',
      description:
        'Devices you cannot see (or missing) answer 404 and nothing moves; a target company you cannot see answers 400 on targetCompanyId.',
      body: moveDevicesBody,
      response: { 200: moveResultSchema, ...read },
    },
    handler: async (request) =>
      service.moveDevices(
        db,
        contextOf(request),
        actorOf(request),
        request.body.deviceIds,
        request.body.targetCompanyId,
      ),
  });

  app.get('/api/v1/devices/:id', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary: 'One device: inventory, status history, notes and tags, company, enrolment, last seen',
      description: visibleThen('devices.read', 'device'),
      params: idParams,
      response: { 200: deviceDetailSchema, ...read },
    },
    handler: async (request) => service.getDevice(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/devices/:id', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary: 'Edit the notes and tags of a device (technicians and administrators)',
      description: visibleThen('devices.annotate', 'device'),
      params: idParams,
      body: updateDeviceBody,
      response: { 200: deviceDetailSchema, ...read },
    },
    handler: async (request) =>
      service.updateDevice(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/devices/:id/revoke', {
    config: { permission: 'devices.read' },
    schema: {
      tags,
      summary:
        'Revoke a device (administrators): its credential stops working at once and it no longer counts against the limit',
      description: visibleThen('devices.revoke', 'device'),
      params: idParams,
      response: { 200: deviceDetailSchema, ...read },
    },
    handler: async (request) =>
      service.revokeDevice(db, contextOf(request), actorOf(request), request.params.id, ports.onRevoked),
  });
}

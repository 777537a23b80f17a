import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  clearInventoryBody,
  clearInventoryResponse,
  moveDevicesBody,
  moveDevicesResponse,
} from '../../../shared/contracts/companies.js';
import { movePreviewSchema } from '../../../shared/contracts/devices.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { clearInventory, moveAllDevices, previewMoveAll } from './company-inventory.js';
import { visibleThen } from '../../platform/http/route-docs.js';

const tags = ['companies'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/** A company's whole inventory at once, from its page: move every device, or delete them all. */
export async function companyInventoryRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.post('/api/v1/companies/:id/move-devices/preview', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary:
        'What moving every device of this company to another would do: how many devices, and who would gain or lose sight of them (nothing moves)',
      description: visibleThen('devices.move', 'company'),
      params: idParams,
      body: moveDevicesBody,
      response: { 200: movePreviewSchema, ...errors },
    },
    handler: async (request) => previewMoveAll(db, actorOf(request), request.params.id, request.body.targetCompanyId),
  });

  app.post('/api/v1/companies/:id/move-devices', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'Move every device of this company to another company (administrators)',
      description: visibleThen('devices.move', 'company'),
      params: idParams,
      body: moveDevicesBody,
      response: { 200: moveDevicesResponse, ...errors },
    },
    handler: async (request) =>
      moveAllDevices(db, contextOf(request), actorOf(request), request.params.id, request.body.targetCompanyId),
  });

  app.post('/api/v1/companies/:id/clear-inventory', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "Delete every device of this company (administrators); confirmName must be the company's exact name",
      description: visibleThen('devices.clear', 'company'),
      params: idParams,
      body: clearInventoryBody,
      response: { 200: clearInventoryResponse, ...errors },
    },
    handler: async (request) =>
      clearInventory(db, contextOf(request), actorOf(request), request.params.id, request.body.confirmName),
  });
}

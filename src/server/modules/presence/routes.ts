import { errorResponse } from '../../../shared/contracts/common.js';
import {
  presenceListQuery,
  presenceListResponse,
  presenceSchema,
  updatePresenceBody,
} from '../../../shared/contracts/support-requests.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as service from './service.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/** Technicians' status, capacity and availability for the live queue. */
export async function presenceRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/me/presence', {
    config: { permission: 'requests.answer' },
    schema: {
      tags: ['presence'],
      summary: 'Your status, chat capacity, and whether you count as available for the live queue',
      response: { 200: presenceSchema, ...errors },
    },
    handler: async (request) => service.myPresence(db, actorOf(request)),
  });

  app.put('/api/v1/me/presence', {
    config: { permission: 'requests.answer' },
    schema: {
      tags: ['presence'],
      summary: 'Set your status (available, busy, away) and chat capacity',
      body: updatePresenceBody,
      response: { 200: presenceSchema, ...errors },
    },
    handler: async (request) => service.updateMyPresence(db, actorOf(request), request.body),
  });

  app.get('/api/v1/presence', {
    config: { permission: 'requests.read' },
    schema: {
      tags: ['presence'],
      summary: "Technicians who can work on a company's requests, with their presence (transfer and assign targets)",
      description: 'A company outside your access answers 404.',
      querystring: presenceListQuery,
      response: { 200: presenceListResponse, ...errors },
    },
    handler: async (request) => ({ items: await service.listPresence(db, actorOf(request), request.query.companyId) }),
  });
}

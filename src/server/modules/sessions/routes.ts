import { z } from 'zod';
import { errorResponse, idParams, listResponse } from '../../../shared/contracts/common.js';
import {
  createdSessionSchema,
  createSessionBody,
  endSessionBody,
  recordingChoiceBody,
  sessionDetailSchema,
  sessionListQuery,
  sessionSchema,
  technicianBody,
} from '../../../shared/contracts/sessions.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { sessionCsvRoutes } from './csv-routes.js';
import * as service from './service.js';

const tags = ['sessions'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const scope =
  'A session of a company outside your access answers 404, as a missing one does. Starting and running sessions needs `sessions.run` and a Remote Support seat: 403 with details `{reason:"seat_required", module:"remoteSupport"}`.';
const watcherParams = z.object({ id: z.uuid(), userId: z.uuid() });
const reasons = (...names: string[]) => names.map((name) => `{reason:"${name}"}`).join(', ');

/** The routes that name another technician for a session: to watch it, or to hold it. */
const participantRoutes = [
  {
    path: 'invite',
    summary: 'Invite another technician to watch (the session’s technician or an administrator, with a seat)',
    reasons: reasons('seat_required', 'no_company_access', 'already_watching', 'same_technician', 'session_over'),
    run: service.inviteWatcher,
  },
  {
    path: 'transfer',
    summary: 'Hand the session to another technician, under their open-session limit',
    reasons: reasons('seat_required', 'no_company_access', 'session_limit', 'same_technician', 'session_over'),
    run: service.transferSession,
  },
] as const;

/** The technicians' side: create, list, read, end, invite, transfer, recording choice. */
export async function sessionRoutes(app: App, { database, config }: Deps): Promise<void> {
  const { db } = database;

  app.post('/api/v1/sessions', {
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary:
        'Start a session for a company: a nine-digit code and its link (valid a few minutes, single use), or, with requestId, your live chat escalated',
      description: `${scope} 409 details: {reason:"session_limit", limit} (sessions.maxPerTechnician open sessions already), {reason:"not_active"} or {reason:"session_open"} for the chat. A chat that is not your own active chat of that company answers 404.`,
      body: createSessionBody,
      response: { 201: createdSessionSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await service.createSession(db, config, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/sessions', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary: 'Sessions of your companies, newest first, with filters',
      description: scope,
      querystring: sessionListQuery,
      response: { 200: listResponse(sessionSchema), ...errors },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.bigint, cursorPart.id]));
      const { rows, present } = await service.listSessions(db, actorOf(request), filter, limit + 1, after);
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.createdKey, last.id]);
      return { items: page.map(present), nextCursor };
    },
  });

  await sessionCsvRoutes(app, db);

  app.get('/api/v1/sessions/:id', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary: 'One session with its timeline and what you may do with it',
      description: scope,
      params: idParams,
      response: { 200: sessionDetailSchema, ...errors },
    },
    handler: async (request) => service.getSession(db, actorOf(request), request.params.id),
  });

  app.post('/api/v1/sessions/:id/end', {
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary: 'End a session with an outcome and notes (its technician or an administrator); its chat stays open',
      description: `${scope} An ended or expired session answers 409 {reason:"session_over"}.`,
      params: idParams,
      body: endSessionBody,
      response: { 200: sessionDetailSchema, ...errors },
    },
    handler: async (request) =>
      service.endSession(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  // invite and transfer: the same checks of the technician named in the body
  for (const route of participantRoutes) {
    app.post(`/api/v1/sessions/:id/${route.path}`, {
      config: { permission: 'sessions.run' },
      schema: {
        tags,
        summary: route.summary,
        description: `${scope} A user of another account, or unknown, answers 404; 409 details: ${route.reasons}.`,
        params: idParams,
        body: technicianBody,
        response: { 200: sessionDetailSchema, ...errors },
      },
      handler: async (request) =>
        route.run(db, contextOf(request), actorOf(request), request.params.id, request.body.userId),
    });
  }

  app.delete('/api/v1/sessions/:id/watchers/:userId', {
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary: 'Stop a technician watching (the session’s technician, an administrator, or the watcher themselves)',
      description: `${scope} Someone who is not a watcher answers 404.`,
      params: watcherParams,
      response: { 200: sessionDetailSchema, ...errors },
    },
    handler: async (request) =>
      service.removeWatcher(db, contextOf(request), actorOf(request), request.params.id, request.params.userId),
  });

  app.put('/api/v1/sessions/:id/recording', {
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary: 'Choose whether the session is recorded (recording `optional` only, before the customer consents)',
      description: `${scope} 409 details: {reason:"recording_fixed", policy}, {reason:"consented"}, {reason:"session_over"}.`,
      params: idParams,
      body: recordingChoiceBody,
      response: { 200: sessionDetailSchema, ...errors },
    },
    handler: async (request) =>
      service.chooseRecording(db, contextOf(request), actorOf(request), request.params.id, request.body.recorded),
  });
}

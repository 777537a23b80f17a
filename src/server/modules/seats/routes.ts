import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import {
  assignmentParams,
  assignSeatBody,
  candidatesQuery,
  candidatesResponse,
  moduleParams,
  mySeatsResponse,
  seatAssignmentSchema,
  seatsResponse,
  updateLicenceBody,
} from '../../../shared/contracts/seats.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { presentAssignment } from './presenter.js';
import { listCandidates, userSeats } from './repository.js';
import { assignSeat, changeLicence, releaseSeat, seatsOverview } from './service.js';

/** Seats & devices: the licence (seats per module, device limit) and who holds the seats. */
export async function seatRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/seats', {
    config: { permission: 'seats.read' },
    schema: {
      tags: ['seats'],
      summary: 'The licence, seats used / total per module, devices used / limit, and who holds each seat',
      response: { 200: seatsResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => seatsOverview(db, actorOf(request)),
  });

  app.patch('/api/v1/seats', {
    config: { permission: 'seats.update' },
    schema: {
      tags: ['seats'],
      summary: 'Change seat counts and the device limit; a count below what is in use is refused (409)',
      body: updateLicenceBody,
      response: { 200: seatsResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await changeLicence(db, contextOf(request), actor, request.body);
      return seatsOverview(db, actor);
    },
  });

  app.get('/api/v1/seats/candidates', {
    config: { permission: 'seats.update' },
    schema: {
      tags: ['seats'],
      summary: 'Users who may receive a seat of a module: not viewers, not disabled, not holding it yet',
      querystring: candidatesQuery,
      response: { 200: candidatesResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { module, search, limit, cursor } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const rows = await listCandidates(db, actor.accountId, module, { search: search || undefined, limit, after });
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.sortName, last.id]);
      return {
        items: page.map(({ id, name, email, role, status }) => ({ id, name, email, role, status })),
        nextCursor,
      };
    },
  });

  app.post('/api/v1/seats/:module/assignments', {
    config: { permission: 'seats.update' },
    schema: {
      tags: ['seats'],
      summary: 'Give a user a seat of a module (201); one already held answers 200 and changes nothing',
      description:
        'Refused with 409 when every seat of the module is in use (the message names the module and the count), for viewers and for disabled users. A user of another account is a 404.',
      params: moduleParams,
      body: assignSeatBody,
      response: {
        200: seatAssignmentSchema,
        201: seatAssignmentSchema,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const { assignment, created } = await assignSeat(
        db,
        contextOf(request),
        actorOf(request),
        request.params.module,
        request.body.userId,
      );
      return reply.status(created ? 201 : 200).send(presentAssignment(assignment));
    },
  });

  app.delete('/api/v1/seats/:module/assignments/:userId', {
    config: { permission: 'seats.update' },
    schema: {
      tags: ['seats'],
      summary: 'Take a seat back from a user; a seat they do not hold is a 404',
      params: assignmentParams,
      response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await releaseSeat(db, contextOf(request), actorOf(request), request.params.module, request.params.userId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/me/seats', {
    config: { permission: 'profile.read' },
    schema: {
      tags: ['me'],
      summary: 'The modules you hold a seat of: you can work in a module only with its seat',
      response: { 200: mySeatsResponse, 401: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const seats = await userSeats(db, actor.accountId, [actor.userId]);
      return { modules: seats.get(actor.userId) ?? [] };
    },
  });
}

import { z } from 'zod';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import {
  createScheduleBody,
  reportRun,
  reportSchedule,
  runParams,
  scheduleListQuery,
  summaryQuery,
  updateScheduleBody,
} from '../../../shared/contracts/reports.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentRun, presentSchedule } from './presenter.js';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedulesPage,
  runDownload,
  sendNow,
  runsPage,
  updateSchedule,
} from './service.js';

const tags = ['reports'];
const refusals = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const onOne =
  'Needs `reports.read` on a schedule you can see (for all companies, or for one of yours); another account’s, one outside your companies and a missing one all answer 404.';

/**
 * Scheduled reports. Routes on one schedule declare `reports.read`; the service checks
 * `reports.manage` after visibility, so an invisible schedule is a 404 whatever the role.
 */
export async function reportRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/report-schedules', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'Report schedules you can see, by name',
      querystring: pageQuery.extend(scheduleListQuery.shape),
      response: { 200: listResponse(reportSchedule), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, search } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const rows = await listSchedulesPage(db, actor, { search: search || undefined, limit, after });
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.sortName, last.id]);
      return { items: page.map((s) => presentSchedule(s, actor)), nextCursor };
    },
  });

  app.post('/api/v1/report-schedules', {
    config: { permission: 'reports.manage' },
    schema: {
      tags,
      summary:
        'Schedule a report: kind, companies, daily / weekly on a day / monthly on a date (the last day of shorter months) at a time in a time zone, recipients',
      body: createScheduleBody,
      response: { 201: reportSchedule, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createSchedule(db, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/report-schedules/:id', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'One report schedule with its next run',
      description: onOne,
      params: idParams,
      response: { 200: reportSchedule, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => getSchedule(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/report-schedules/:id', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'Change a report schedule (administrators); whoever saves it becomes its owner',
      description: onOne,
      params: idParams,
      body: updateScheduleBody,
      response: { 200: reportSchedule, ...refusals },
    },
    handler: async (request) =>
      updateSchedule(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/report-schedules/:id', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'Delete a report schedule and its run history (administrators)',
      description: onOne,
      params: idParams,
      response: { 204: z.null(), ...refusals },
    },
    handler: async (request, reply) => {
      await deleteSchedule(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/report-schedules/:id/runs', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'Send now: queue a run of the schedule (administrators)',
      description: onOne,
      params: idParams,
      response: { 202: reportRun, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(202).send(await sendNow(db, contextOf(request), actorOf(request), request.params.id)),
  });

  app.get('/api/v1/report-schedules/:id/runs', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'The run history of a schedule, newest first: status, time, recipients, row count, error',
      description: onOne,
      params: idParams,
      querystring: pageQuery,
      response: {
        200: listResponse(reportRun),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request) => {
      const { page, nextCursor } = await runsPage(db, actorOf(request), request.params.id, request.query);
      return { items: page.map(presentRun), nextCursor };
    },
  });

  app.get('/api/v1/report-schedules/:id/runs/:runId/report.csv', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'The CSV a run sent (spreadsheet formulas neutralised)',
      description: `${onOne} The reader must see every company the run covered (403 otherwise).`,
      params: runParams,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV file'), 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const out = await runDownload(db, actorOf(request), request.params.id, request.params.runId);
      const name = `${out.kind.replace(/_/g, '-')}-${out.createdAt.toISOString().slice(0, 10)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(out.csv);
    },
  });

  app.get('/api/v1/report-schedules/:id/runs/:runId/summary.html', {
    config: { permission: 'reports.read' },
    schema: {
      tags,
      summary: 'The HTML summary a run sent, in a language (default English)',
      description: `${onOne} The reader must see every company the run covered (403 otherwise).`,
      params: runParams,
      querystring: summaryQuery,
      produces: ['text/html'],
      response: {
        200: z.string().describe('HTML file'),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const out = await runDownload(db, actorOf(request), request.params.id, request.params.runId);
      const html = out.html[request.query.language ?? 'en'] ?? Object.values(out.html)[0] ?? '';
      const name = `${out.kind.replace(/_/g, '-')}-${out.createdAt.toISOString().slice(0, 10)}.html`;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .send(html);
    },
  });
}

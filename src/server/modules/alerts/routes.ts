import { z } from 'zod';
import {
  alertRuleSchema,
  alertTestResult,
  createAlertRuleBody,
  updateAlertRuleBody,
} from '../../../shared/contracts/alerts.js';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { maintenanceRoutes } from './maintenance-routes.js';
import { createRule, deleteRule, getRuleFull, listRulesPage, presentRule, testRule, updateRule } from './service.js';

const refusals = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/**
 * Alert rules. Routes on one rule declare `alerts.read`; the service checks `alerts.manage` after
 * visibility, so a rule watching only companies the caller cannot see is a 404 whatever the role.
 */
export async function alertRoutes(app: App, deps: Deps) {
  const { db } = deps.database;
  await maintenanceRoutes(app, deps);

  app.get('/api/v1/alert-rules', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Alert rules you may see, by name',
      querystring: pageQuery,
      response: { 200: listResponse(alertRuleSchema), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { page, nextCursor } = await listRulesPage(db, actor, request.query);
      return { items: page.map((r) => presentRule(r, actor)), nextCursor };
    },
  });

  app.post('/api/v1/alert-rules', {
    config: { permission: 'alerts.manage' },
    schema: {
      tags: ['alerts'],
      summary: 'Create an alert rule: event, companies, delay (offline, waiting), recipients and their method kinds',
      body: createAlertRuleBody,
      response: { 201: alertRuleSchema, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createRule(db, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/alert-rules/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'One alert rule',
      params: idParams,
      response: { 200: alertRuleSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return presentRule(await getRuleFull(db, actor, request.params.id), actor);
    },
  });

  app.patch('/api/v1/alert-rules/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Change an alert rule (administrators)',
      params: idParams,
      body: updateAlertRuleBody,
      response: { 200: alertRuleSchema, ...refusals },
    },
    handler: async (request) => updateRule(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/alert-rules/:id', {
    config: { permission: 'alerts.read' },
    schema: {
      tags: ['alerts'],
      summary: 'Delete an alert rule (administrators)',
      params: idParams,
      response: { 204: z.null(), ...refusals },
    },
    handler: async (request, reply) => {
      await deleteRule(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/alert-rules/:id/test', {
    config: { permission: 'alerts.read', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['alerts'],
      summary: 'Send a test alert to every recipient by the rule’s methods, at once',
      params: idParams,
      response: { 202: alertTestResult, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(202).send(await testRule(db, contextOf(request), actorOf(request), request.params.id)),
  });
}

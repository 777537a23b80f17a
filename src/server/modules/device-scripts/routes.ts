import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  agentScriptResultBody,
  agentScriptResultResponse,
  agentScriptStartResponse,
  createScriptBody,
  createScriptRunBody,
  scriptListResponse,
  scriptResultListQuery,
  scriptResultListResponse,
  scriptRunSchema,
  scriptSchema,
  updateScriptBody,
} from '../../../shared/contracts/device-scripts.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as agent from './agent-service.js';
import { agentPartWriters } from './part-writers.js';
import * as runs from './run-service.js';
import * as service from './service.js';

const tags = ['scripts'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const rules =
  'Who may control devices (devices.control) sees the account-wide scripts and those of their companies; an account-wide script is saved, changed and deleted only by who sees every company (403). A script of a company outside your access answers 404, as a missing one does.';
const perDevice = (request: FastifyRequest) => request.deviceCredentialHash ?? request.ip ?? 'unknown';

/** Saved scripts, their runs on devices, and the agent's side of a run. */
export async function deviceScriptRoutes(app: App, { database }: Deps): Promise<void> {
  const { db } = database;
  const parts = agentPartWriters(database);

  app.get('/api/v1/scripts', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'Saved scripts you may run: the account-wide ones and your companies’',
      description: rules,
      response: { 200: scriptListResponse, ...errors },
    },
    handler: async (request) => ({ items: await service.listScripts(db, actorOf(request)) }),
  });

  app.post('/api/v1/scripts', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'Save a script for the account or one company: its name, shell, text and timeout',
      description: `${rules} Shells: sh and bash (Linux, macOS), powershell and cmd (Windows).`,
      body: createScriptBody,
      response: { 201: scriptSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createScript(db, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/scripts/:id', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'A saved script',
      description: rules,
      params: idParams,
      response: { 200: scriptSchema, ...errors },
    },
    handler: async (request) => service.getScript(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/scripts/:id', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: "Change a script's name, shell, text or timeout (runs already made keep the script as it was)",
      description: rules,
      params: idParams,
      body: updateScriptBody,
      response: { 200: scriptSchema, ...errors },
    },
    handler: async (request) =>
      service.updateScript(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/scripts/:id', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'Delete a saved script (its runs stay, with its name)',
      description: rules,
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await service.deleteScript(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/scripts/:id/runs', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'Run the script on 1 to 1,000 devices: one result per device, kept with its exit code and output',
      description: `${rules} As control: a Remote Support seat (403 details {reason:"seat_required"}); every device in your companies (one outside them, of another account or missing answers 404); a company's script on its devices only (400 not_applicable on deviceIds.N). Per device, never sent and status refused: consent_required (the company's devices.remoteConsent is "ask": a script cannot ask anyone), platform (the shell is not the device's), revoked. The others are queued: a connected agent gets its part at once, one connecting within waitMinutes when it does, else the part becomes unreachable.`,
      params: idParams,
      body: createScriptRunBody,
      response: { 201: scriptRunSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await runs.createRun(db, contextOf(request), actorOf(request), request.params.id, request.body)),
  });

  app.get('/api/v1/script-runs/:id', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: 'A script run: its script as it ran, who ran it, how many devices are in each status',
      description: 'A run whose devices are not all in your companies answers 404, as a missing one does.',
      params: idParams,
      response: { 200: scriptRunSchema, ...errors },
    },
    handler: async (request) => runs.getRun(db, actorOf(request), request.params.id),
  });

  app.get('/api/v1/script-runs/:id/results', {
    config: { permission: 'devices.control' },
    schema: {
      tags,
      summary: "A run's results, one per device by device name: status, exit code, output (?status= one status)",
      description: 'A run whose devices are not all in your companies answers 404, as a missing one does.',
      params: idParams,
      querystring: scriptResultListQuery,
      response: { 200: scriptResultListResponse, ...errors },
    },
    handler: async (request) => runs.listResults(db, actorOf(request), request.params.id, request.query),
  });

  const agentErrors = { 401: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

  app.post('/api/agent/script-results/:id/start', {
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 600, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags: ['agent'],
      summary: "Take this device's part of a script run: answers the script's text, once",
      description:
        'Authorization: Device <credential>. Another device’s part or a missing one answers 404; a part taken already, finished or past its run’s wait answers 409 (so it never runs twice).',
      security: [],
      params: idParams,
      response: { 200: agentScriptStartResponse, ...agentErrors },
    },
    handler: async (request) => agent.startResult(db, parts, request.deviceCredentialHash!, request.params.id),
  });

  app.post('/api/agent/script-results/:id', {
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 600, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags: ['agent'],
      summary: "Report this device's part of a script run: status, exit code, output (64 KiB at most)",
      description:
        'Authorization: Device <credential>. Stored once: the same report again answers the status stored and changes nothing.',
      security: [],
      params: idParams,
      body: agentScriptResultBody,
      response: { 200: agentScriptResultResponse, 400: errorResponse, ...agentErrors },
    },
    handler: async (request) =>
      agent.reportResult(db, parts, request.deviceCredentialHash!, request.params.id, request.body),
  });
}

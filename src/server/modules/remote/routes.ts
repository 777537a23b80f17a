import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  deviceRemoteSchema,
  deviceSessionActionBody,
  deviceSessionActionResponse,
  openDeviceSessionBody,
} from '../../../shared/contracts/device-sessions.js';
import { createdSessionSchema, iceServersSchema } from '../../../shared/contracts/sessions.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/http/types.js';
import { agentIceServers } from './agent-service.js';
import * as service from './service.js';

const perDevice = (request: FastifyRequest) => request.deviceCredentialHash ?? request.ip ?? 'unknown';
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const scope = 'A device or session of a company outside your access answers 404, as a missing one does.';

/** The technicians' routes of device sessions, and the agent's ICE servers. */
export async function remoteRoutes(app: App, { database, config }: Deps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/devices/:id/remote', {
    config: { permission: 'devices.read' },
    schema: {
      tags: ['devices'],
      summary:
        'What applies before a remote session on the device: its agent connected or not, the consent step, the file limit, the recording policy, an open session; what you may open',
      description: scope,
      params: idParams,
      response: { 200: deviceRemoteSchema, ...errors },
    },
    handler: async (request) => service.deviceRemote(db, actorOf(request), request.params.id),
  });

  app.post('/api/v1/devices/:id/sessions', {
    config: { permission: 'devices.control' },
    schema: {
      tags: ['devices', 'sessions'],
      summary: 'Open a remote view or control session on the device; its agent runs the consent step',
      description: `${scope} Needs a Remote Support seat (403 details {reason:"seat_required"}). 409 details: {reason:"revoked"}, {reason:"agent_offline"} (its agent holds no control socket), {reason:"busy", sessionId} (a session is open on it), {reason:"session_limit", limit} (sessions.maxPerTechnician open sessions already). The session waits for the device's consent: accepted, it becomes active; refused or unanswered, it ends with outcome refused.`,
      params: idParams,
      body: openDeviceSessionBody,
      response: { 201: createdSessionSchema, ...errors, 409: errorResponse },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.openDeviceSession(db, contextOf(request), actorOf(request), request.params.id, request.body),
        ),
  });

  app.post('/api/v1/sessions/:id/actions', {
    config: { permission: 'devices.control' },
    schema: {
      tags: ['sessions'],
      summary:
        'Tell the server, before doing it, of a file sent to or taken from the device, a restart, or a terminal opened or closed',
      description: `${scope} Only the technician of an active control session on a device (403 for anyone else; 409 details {reason:"not_device_session"}, {reason:"view_only"}, {reason:"session_not_active", status}). A file larger than the company's sessions.fileTransferMaxMb answers 422 with the field problem too_large on size. Audited with the name and size (a terminal closed: its exit code when the shell ended by itself); on the session's timeline.`,
      params: idParams,
      body: deviceSessionActionBody,
      response: { 200: deviceSessionActionResponse, ...errors, 409: errorResponse, 422: errorResponse },
    },
    handler: async (request) =>
      service.recordDeviceAction(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.get('/api/agent/sessions/:id/ice-servers', {
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags: ['agent'],
      summary: "The STUN and TURN servers of the device's own active session, as the customer's page gets them",
      description:
        "Authorization: Device <credential> (revoked: 401). Another device's session, one not active or a missing one answer 404.",
      security: [],
      params: idParams,
      response: { 200: iceServersSchema, 401: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return agentIceServers(db, config.turnSecret, request.deviceCredentialHash!, request.params.id);
    },
  });
}

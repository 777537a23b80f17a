import type { FastifyRequest } from 'fastify';
import { errorResponse } from '../../../shared/contracts/common.js';
import {
  agentInventorySchema,
  enrolBody,
  enrolResponse,
  heartbeatResponse,
  inventoryResponse,
} from '../../../shared/contracts/devices.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as agent from './agent-service.js';
import { heartbeatWriter } from './heartbeat-writer.js';

const tags = ['agent'];
const perDevice = (request: FastifyRequest) => request.deviceCredentialHash ?? request.ip ?? 'unknown';

/** What the agent routes need of modules built on devices (passed in by app.ts). */
export interface AgentPorts {
  /** the server's grant key, as agents pin it (the remote module's) */
  grantKey: () => Promise<string>;
}

/**
 * What tandem-agent calls. Enrolment is public (the data key is the proof) and rate-limited per
 * address; the other routes need the device credential (permission `agent`) and are
 * rate-limited per device. Every field an agent sends is validated and bounded. They answer a
 * program, not a browser: no browser security headers (helmet) — a heartbeat is the most frequent
 * request Tandem serves.
 */
export async function agentRoutes(app: App, { database, config }: Deps, ports: AgentPorts) {
  const { db } = database;
  const heartbeatSeconds = config.agentHeartbeatSeconds;
  const heartbeats = heartbeatWriter(db);

  app.post('/api/agent/enroll', {
    config: {
      securityHeaders: false,
      permission: 'public',
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: "Enrol a device with its company's data key; answers the device credential (once)",
      description:
        "A wrong or rotated data key answers 401. Beyond the licence's device limit the enrolment is refused with 409 (details.reason `device_limit_reached`) and the event `licence.device_limit_reached` is recorded.",
      security: [],
      body: enrolBody,
      response: {
        201: enrolResponse,
        400: errorResponse,
        401: errorResponse,
        409: errorResponse,
        413: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await agent.enrol(db, request.body, heartbeatSeconds, ports.grantKey)),
  });

  app.post('/api/agent/heartbeat', {
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags,
      summary: 'A sign of life; answers when to send the next one',
      description: 'Authorization: Device <credential>. A revoked device answers 401 at once.',
      security: [],
      response: { 200: heartbeatResponse, 401: errorResponse, 429: errorResponse },
    },
    handler: async (request) => {
      await agent.heartbeat(db, heartbeats, request.deviceCredentialHash!);
      return { heartbeatSeconds };
    },
  });

  app.put('/api/agent/inventory', {
    config: {
      securityHeaders: false,
      permission: 'agent',
      rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: perDevice },
    },
    schema: {
      tags,
      summary: "The device's inventory: hostname, OS, CPU, memory, disks, addresses, uptime, agent version",
      description:
        'Sent at start and when it changes. A bad or oversize report (any field beyond its bound) is refused whole with 400 and nothing is stored; a body over 1 MB answers 413.',
      security: [],
      body: agentInventorySchema,
      response: {
        200: inventoryResponse,
        400: errorResponse,
        401: errorResponse,
        413: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request) => ({
      receivedAt: (await agent.reportInventory(db, request.deviceCredentialHash!, request.body)).toISOString(),
      heartbeatSeconds,
    }),
  });
}

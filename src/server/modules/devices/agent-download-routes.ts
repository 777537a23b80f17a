import { z } from 'zod';
import {
  agentDownloadParams,
  agentDownloadsSchema,
  agentInstallDownloadParams,
  dataKeyHeader,
} from '../../../shared/contracts/agent-downloads.js';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import { actorOf } from '../../platform/http/request-context.js';
import { visibleThen } from '../../platform/http/route-docs.js';
import type { App, Deps } from '../../platform/http/types.js';
import { listAgentDownloads, openAgentDownload, openAgentDownloadByDataKey } from './agent-downloads.js';

const tags = ['devices'];

/** The packaged agent (dist/agent, `npm run build:agent`), offered to whoever may see a company's data key. */
export async function agentDownloadRoutes(app: App, deps: Deps, folder: string) {
  const { db } = deps.database;

  app.get('/api/v1/companies/:id/agent-downloads', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: "The packaged agent's files for this company, and the server address its install commands use",
      description: `${visibleThen('companies.update', 'company')} \`built: false\` and no items when the agent was not built on this server.`,
      params: idParams,
      response: { 200: agentDownloadsSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) =>
      listAgentDownloads(
        db,
        actorOf(request),
        request.params.id,
        folder,
        deps.config.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`,
      ),
  });

  app.get('/api/v1/companies/:id/agent-downloads/:file', {
    config: { permission: 'companies.read' },
    schema: {
      tags,
      summary: 'One file of the packaged agent (an executable, the .deb or the .msi)',
      description: `${visibleThen('companies.update', 'company')} 404 with details.reason \`agent_not_built\` when the agent was not built on this server.`,
      params: agentDownloadParams,
      produces: ['application/octet-stream'],
      response: { 200: z.unknown().describe('the file'), 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { entry, stream } = await openAgentDownload(
        db,
        actorOf(request),
        request.params.id,
        folder,
        request.params.file,
      );
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${entry.file}"`)
        .header('cache-control', 'private, no-cache')
        .send(stream);
    },
  });

  app.get('/api/agent/download/:file', {
    config: {
      securityHeaders: false,
      permission: 'public',
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: "One file of the packaged agent, for the one-line install on a device (the company's data key)",
      description: `Header \`X-Tandem-Data-Key\`: the company's data key, as enrolment takes it. A missing, wrong or rotated key answers 401; 404 with details.reason \`agent_not_built\` when the agent was not built on this server.`,
      security: [],
      params: agentInstallDownloadParams,
      produces: ['application/octet-stream'],
      response: { 200: z.unknown().describe('the file'), 401: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const key = request.headers[dataKeyHeader];
      const { entry, stream } = await openAgentDownloadByDataKey(
        db,
        typeof key === 'string' ? key : undefined,
        folder,
        request.params.file,
      );
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${entry.file}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  });
}

import { z } from 'zod';
import type { Registry } from 'prom-client';
import { errorResponse } from '../../../shared/contracts/common.js';
import { ping } from '../../platform/db/ping.js';
import { AppError } from '../../platform/http/app-error.js';
import type { App, Deps } from '../../platform/http/types.js';
import { mayReadMetrics, metricsChallenge, metricsRefusal, startMetricsServer } from './metrics-access.js';

const healthTimeoutMs = 2000;

export async function healthRoutes(app: App, { database, config }: Deps, registry: Registry) {
  app.get('/healthz', {
    config: { permission: 'public' },
    schema: {
      tags: ['operations'],
      summary: 'Liveness and readiness: 200 when the database answers, else 503',
      response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) },
    },
    handler: async (request, reply) => {
      try {
        // a database that hangs is as unavailable as one that refuses
        await Promise.race([
          ping(database.db),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('health check timed out')), healthTimeoutMs).unref(),
          ),
        ]);
        return { status: 'ok' as const };
      } catch (err) {
        request.log.warn({ err }, 'health check: database not answering');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });

  const access = config.metrics;
  const { port } = access;
  if (port !== undefined) {
    // TANDEM_METRICS_PORT: served on that port only, started with the app (a port in use stops the start)
    let listener: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
    app.addHook('onReady', async () => {
      listener = await startMetricsServer(registry, { ...access, port }, app.log);
      app.log.info(`metrics served at http://${listener.address.address}:${listener.address.port}/metrics`);
    });
    app.addHook('onClose', async () => listener?.close());
    return;
  }

  app.get('/metrics', {
    config: { permission: 'public' },
    schema: {
      tags: ['operations'],
      summary: 'Prometheus metrics; with TANDEM_METRICS_TOKEN set, only for `Authorization: Bearer <token>`',
      produces: ['text/plain'],
      response: { 200: z.string(), 401: errorResponse },
    },
    handler: async (request, reply) => {
      if (!mayReadMetrics(request.headers.authorization, access.token))
        throw new AppError('unauthenticated', metricsRefusal, undefined, metricsChallenge);
      reply.type(registry.contentType);
      return registry.metrics();
    },
  });
}

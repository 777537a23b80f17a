import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Deps } from '../../platform/http/types.js';
import type { Registry } from 'prom-client';

const healthTimeoutMs = 2000;

export async function healthRoutes(app: App, { database }: Deps, registry: Registry) {
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
          database.db.execute(sql`select 1`),
          new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), healthTimeoutMs).unref()),
        ]);
        return { status: 'ok' as const };
      } catch (err) {
        request.log.warn({ err }, 'health check: database not answering');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });

  app.get('/metrics', {
    config: { permission: 'public' },
    schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'], response: { 200: z.string() } },
    handler: async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  });
}

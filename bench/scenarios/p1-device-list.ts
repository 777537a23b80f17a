import { sql } from 'drizzle-orm';
import { encodeCursor } from '../../src/server/platform/http/cursor.js';
import { runOnServerCore, startBaselineServer } from '../lib/child.js';
import { devicesFixture } from '../lib/devices-fixture.js';
import { load } from '../lib/load.js';
import { ratioOf, type Measure, type Scenario } from '../lib/scenario.js';

const connections = 10;
const filter = { status: 'online' };
const filteredPath = '/api/v1/devices?status=online&limit=50';

/**
 * P1 and P2 on one seeded inventory (100,000 devices; 5,000 in a smoke pass):
 * P1 — the filtered inventory page, requests per second ÷ the same SQL raw through a pool like
 * Tandem's; a page after 90 % of the devices answers as fast as the first (fixed-rate latency);
 * also ÷ a bare Fastify hello-world. P2 — the same endpoint ÷ the same build with authentication
 * and authorization replaced by an allow-all hook.
 */
export const deviceListScenario: Scenario = {
  id: 'P1',
  covers: ['P2'],
  title: 'inventory page on 100,000 devices ÷ its raw SQL; deep page ÷ first page; ÷ an allow-all build (P2)',
  async run(ctx) {
    const count = ctx.smoke ? 5_000 : 100_000;
    const fixture = await devicesFixture(ctx, count);
    try {
      const { tandem, headers } = fixture;
      const base = tandem.baseUrl;

      // warm both sides first (PostgreSQL's buffers, the JIT, the identity cache), so that neither the
      // API (measured first) nor the raw SQL pays for a cold start the other does not
      await load({ url: `${base}${filteredPath}`, headers, connections, durationSeconds: Math.min(3, ctx.seconds) });
      const api = await load({ url: `${base}${filteredPath}`, headers, connections, durationSeconds: ctx.seconds });
      if (api.non2xx || api.errors)
        throw new Error(`inventory requests failed: ${api.non2xx} non-2xx, ${api.errors} errors`);
      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/device-list-sql.ts', [
        tandem.databaseUrl,
        fixture.accountId,
        String(ctx.seconds),
        String(connections),
        JSON.stringify(filter),
      ]);
      ctx.log(`  API ${api.requestsPerSecond.toFixed(0)}/s, raw SQL ${raw.perSecond.toFixed(0)}/s`);

      // first page and a page after 90 % of the devices, at the same fixed rate
      const deepAfter = Math.round(count * 0.9);
      const deepKey = (
        await fixture.db.execute<{ k: string; id: string }>(
          sql`select lower(name) as k, id from devices where account_id = ${fixture.accountId} order by lower(name), id offset ${deepAfter - 1} limit 1`,
        )
      ).rows[0]!;
      const deepCursor = encodeCursor(['name', 'asc', deepKey.k, deepKey.id]);
      const first = await load({
        url: `${base}/api/v1/devices?limit=50`,
        headers,
        connections: 4,
        durationSeconds: ctx.seconds,
        rate: 40,
      });
      const deep = await load({
        url: `${base}/api/v1/devices?limit=50&cursor=${deepCursor}`,
        headers,
        connections: 4,
        durationSeconds: ctx.seconds,
        rate: 40,
      });
      if (deep.non2xx || first.non2xx) throw new Error('a page request failed');
      ctx.log(
        `  first page mean ${first.mean.toFixed(2)} ms (p99 ${first.p99}), after ${deepAfter.toLocaleString('en')} mean ${deep.mean.toFixed(2)} ms (p99 ${deep.p99})`,
      );

      const hello = await startBaselineServer('bench/baselines/hello-server.ts');
      const bare = await load({
        url: `http://127.0.0.1:${hello.port}/hello`,
        connections,
        durationSeconds: ctx.seconds,
      }).finally(() => hello.stop());

      const allowAll = await startBaselineServer('bench/baselines/allow-all-server.ts', [
        tandem.databaseUrl,
        fixture.accountId,
      ]);
      const open = await load({
        url: `http://127.0.0.1:${allowAll.port}${filteredPath}`,
        connections,
        durationSeconds: Math.min(3, ctx.seconds),
      })
        .then(() =>
          load({ url: `http://127.0.0.1:${allowAll.port}${filteredPath}`, connections, durationSeconds: ctx.seconds }),
        )
        .finally(() => allowAll.stop());
      if (open.non2xx || open.errors) throw new Error('allow-all requests failed');
      ctx.log(
        `  bare Fastify ${bare.requestsPerSecond.toFixed(0)}/s, allow-all build ${open.requestsPerSecond.toFixed(0)}/s`,
      );

      const measures: Measure[] = [
        {
          metric: 'inventory page req/s ÷ raw SQL',
          figure: api.requestsPerSecond,
          unit: '/s',
          baseline: raw.perSecond,
          ratio: ratioOf(api.requestsPerSecond, raw.perSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.7 },
        },
        {
          metric: `page after ${deepAfter.toLocaleString('en')} ÷ first page (mean latency)`,
          figure: deep.mean,
          unit: 'ms',
          baseline: first.mean,
          ratio: ratioOf(deep.mean, first.mean),
          judged: 'ratio',
          target: { op: '<=', value: 1.2 },
        },
        {
          metric: 'inventory page req/s ÷ bare Fastify',
          figure: api.requestsPerSecond,
          unit: '/s',
          baseline: bare.requestsPerSecond,
          ratio: ratioOf(api.requestsPerSecond, bare.requestsPerSecond),
          judged: 'none',
          target: { op: '>=', value: 0 },
        },
        {
          scenario: 'P2',
          metric: 'inventory page req/s ÷ allow-all build',
          figure: api.requestsPerSecond,
          unit: '/s',
          baseline: open.requestsPerSecond,
          ratio: ratioOf(api.requestsPerSecond, open.requestsPerSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.95 },
        },
      ];
      return measures;
    } finally {
      await fixture.close();
    }
  },
};

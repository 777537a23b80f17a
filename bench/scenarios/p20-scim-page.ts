import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { load } from '../lib/load.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';
import { adminToken, signInSession } from '../lib/tandem-process.js';

/**
 * P20 — a SCIM page of 100 users (`GET /scim/v2/Users?startIndex=1&count=100`, what an identity provider's
 * import reads), req/s with 10 connections, ÷ the console's users-list request of the same run on the same
 * users (`GET /api/v1/users?limit=100`, by an API token).
 */
export const scimPageScenario: Scenario = {
  id: 'P20',
  title: 'a SCIM page of 100 users ÷ the console’s users list of 100',
  async run(ctx) {
    const users = ctx.smoke ? 150 : 2000;
    const tandem = await tandemForBench(ctx);
    const database = openDatabase(tandem.databaseUrl, { max: 2 });
    try {
      const accountId = (
        await database.db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`)
      ).rows[0]!.id;
      await database.db.execute(sql`
        insert into users (account_id, email, name, role, status, language, time_zone)
        select ${accountId}, 'scim-bench-' || g || '@example.test', 'Bench Person ' || g, 'technician', 'active', 'en', 'UTC'
        from generate_series(1, ${users - 1}) g`);
      const session = await signInSession(tandem.baseUrl, tandem.adminEmail, tandem.adminPassword);
      const created = await fetch(`${tandem.baseUrl}/api/v1/scim-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ name: 'bench' }),
      });
      if (created.status !== 201) throw new Error(`SCIM token: ${created.status} ${await created.text()}`);
      const scimToken = ((await created.json()) as { token: string }).token;
      const apiToken = await adminToken(tandem);

      const scimUrl = `${tandem.baseUrl}/scim/v2/Users?startIndex=1&count=100`;
      const listUrl = `${tandem.baseUrl}/api/v1/users?limit=100`;
      const check = await fetch(scimUrl, { headers: { authorization: `Bearer ${scimToken}` } });
      const page = (await check.json()) as { totalResults: number; Resources: unknown[] };
      if (page.totalResults !== users || page.Resources.length !== 100)
        throw new Error(`SCIM page: ${page.totalResults} users, ${page.Resources.length} on the page`);

      const seconds = ctx.smoke ? 2 : ctx.seconds;
      const scim = await load({
        url: scimUrl,
        headers: { authorization: `Bearer ${scimToken}` },
        durationSeconds: seconds,
      });
      const list = await load({
        url: listUrl,
        headers: { authorization: `Bearer ${apiToken}` },
        durationSeconds: seconds,
      });
      for (const [name, result] of [
        ['SCIM', scim],
        ['users list', list],
      ] as const)
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      ctx.log(
        `  ${users} users; SCIM page ${scim.requestsPerSecond.toFixed(0)} req/s (p99 ${scim.p99} ms); users list ${list.requestsPerSecond.toFixed(0)} req/s (p99 ${list.p99} ms)`,
      );
      return [
        {
          metric: `SCIM page of 100 users req/s ÷ the console's users list of 100 (${users.toLocaleString('en')} users)`,
          figure: scim.requestsPerSecond,
          unit: '/s',
          baseline: list.requestsPerSecond,
          ratio: ratioOf(scim.requestsPerSecond, list.requestsPerSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.5 },
        },
        {
          metric: 'SCIM page of 100 users, p99 latency (reported)',
          figure: scim.p99,
          unit: 'ms',
          baseline: list.p99,
          ratio: ratioOf(scim.p99, list.p99),
          judged: 'none',
          target: { op: '<=', value: 0 },
        },
      ];
    } finally {
      await database.close();
      await tandem.close();
    }
  },
};

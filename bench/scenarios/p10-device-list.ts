import type { BenchContext } from '../lib/scenario.js';
import { devicesFixture } from '../lib/devices-fixture.js';
import { load } from '../lib/load.js';
import { moreProcesses } from '../lib/more-processes.js';

const path = '/api/v1/devices?status=online&limit=50';
const connections = 10;

/**
 * P1's filtered inventory page, requests per second with the same 10 connections on one Tandem,
 * then spread over two (5 each, loaded at the same time, rates summed). Every Tandem process the
 * bench starts runs on the server core, beside PostgreSQL: the same cores either way.
 */
export async function deviceListOnTwo(ctx: BenchContext): Promise<{ one: number; two: number }> {
  const count = ctx.smoke ? 5_000 : 100_000;
  const fixture = await devicesFixture(ctx, count);
  let more;
  try {
    more = await moreProcesses(fixture.tandem, 1, { TANDEM_AGENT_HEARTBEAT_SECONDS: '600' });
    const bases = [fixture.tandem.baseUrl, more.processes[0]!.baseUrl];
    const seconds = ctx.seconds;
    const run = (base: string, n: number, durationSeconds: number) =>
      load({ url: `${base}${path}`, headers: fixture.headers, connections: n, durationSeconds });
    // both processes warmed (JIT, identity cache, PostgreSQL's buffers)
    await Promise.all(bases.map((base) => run(base, connections / 2, Math.min(3, seconds))));
    const one = await run(bases[0]!, connections, seconds);
    const two = await Promise.all(bases.map((base) => run(base, connections / 2, seconds)));
    if ([one, ...two].some((r) => r.non2xx || r.errors)) throw new Error('inventory requests failed');
    return { one: one.requestsPerSecond, two: two[0]!.requestsPerSecond + two[1]!.requestsPerSecond };
  } finally {
    await more?.close();
    await fixture.close();
  }
}

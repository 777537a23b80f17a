import { runOnServerCore } from '../lib/child.js';
import { load } from '../lib/load.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';

const connections = 8;

/**
 * Each sign-in comes from its own client address (X-Forwarded-For through a trusted proxy, as
 * behind a reverse proxy in production): the per-address rate limit is meant for one address
 * hammering the server, and would otherwise refuse the bench's own load instead of measuring it.
 */
function fromManyAddresses(): (request: { headers?: Record<string, string> }) => { headers: Record<string, string> } {
  let next = 0;
  return (request) => {
    next += 1;
    const address = `10.${(next >> 16) & 255}.${(next >> 8) & 255}.${next & 255}`;
    return { ...request, headers: { ...request.headers, 'x-forwarded-for': address } };
  };
}

/**
 * P5 — sign-ins per second against raw argon2id verifications per second (the work a sign-in
 * cannot avoid), and /healthz latency while sign-ins flood the server.
 */
export const signInScenario: Scenario = {
  id: 'P5',
  title: 'sign-ins per second ÷ raw argon2id verifications; /healthz p99 during the flood',
  async run(ctx) {
    const tandem = await tandemForBench(ctx, { TANDEM_TRUST_PROXY: '1' });
    try {
      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/argon2-verify.ts', [
        String(ctx.seconds),
        String(connections),
      ]);
      ctx.log(`  raw argon2id: ${raw.perSecond.toFixed(1)}/s`);
      const [signIns, health] = await Promise.all([
        load({
          url: `${tandem.baseUrl}/api/v1/auth/login`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: tandem.adminEmail, password: tandem.adminPassword }),
          connections,
          durationSeconds: ctx.seconds,
          setupRequest: fromManyAddresses(),
        }),
        load({ url: `${tandem.baseUrl}/healthz`, connections: 2, durationSeconds: ctx.seconds, rate: 20 }),
      ]);
      if (signIns.non2xx > 0 || signIns.errors > 0)
        throw new Error(`sign-ins failed: ${signIns.non2xx} non-2xx, ${signIns.errors} errors`);
      ctx.log(`  sign-ins: ${signIns.requestsPerSecond.toFixed(1)}/s, /healthz p99 ${health.p99} ms`);
      return [
        {
          metric: 'sign-ins/s',
          figure: signIns.requestsPerSecond,
          unit: '/s',
          baseline: raw.perSecond,
          ratio: ratioOf(signIns.requestsPerSecond, raw.perSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.8 },
        },
        {
          metric: '/healthz p99 during sign-ins',
          figure: health.p99,
          unit: 'ms',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 20 },
        },
      ];
    } finally {
      await tandem.close();
    }
  },
};

import { runOnServerCore } from '../lib/child.js';
import { load } from '../lib/load.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';

const connections = 8;

/**
 * P5 — sign-ins per second against raw argon2id verifications per second (the work a sign-in
 * cannot avoid), and /healthz latency while sign-ins flood the server.
 */
export const signInScenario: Scenario = {
  id: 'P5',
  title: 'sign-ins per second ÷ raw argon2id verifications; /healthz p99 during the flood',
  async run(ctx) {
    const tandem = await tandemForBench(ctx);
    try {
      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/argon2-verify.ts', [String(ctx.seconds), String(connections)]);
      ctx.log(`  raw argon2id: ${raw.perSecond.toFixed(1)}/s`);
      const [signIns, health] = await Promise.all([
        load({
          url: `${tandem.baseUrl}/api/v1/auth/login`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: tandem.adminEmail, password: tandem.adminPassword }),
          connections,
          durationSeconds: ctx.seconds,
        }),
        load({ url: `${tandem.baseUrl}/healthz`, connections: 2, durationSeconds: ctx.seconds, rate: 20 }),
      ]);
      if (signIns.non2xx > 0 || signIns.errors > 0) throw new Error(`sign-ins failed: ${signIns.non2xx} non-2xx, ${signIns.errors} errors`);
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
        { metric: '/healthz p99 during sign-ins', figure: health.p99, unit: 'ms', baseline: null, ratio: null, judged: 'figure', target: { op: '<=', value: 20 } },
      ];
    } finally {
      await tandem.close();
    }
  },
};

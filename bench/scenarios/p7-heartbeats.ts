import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { credentialHashOf } from '../../src/server/modules/devices/index.js';
import { runOnServerCore } from '../lib/child.js';
import { cpuSeconds } from '../lib/cpu.js';
import { fleetCredentials } from '../lib/device-credentials.js';
import { devicesFixture } from '../lib/devices-fixture.js';
import { load } from '../lib/load.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';

const agents = 10_000;
const connections = 20;

/**
 * P7 — 10,000 simulated agents: heartbeats absorbed per second (each request with another
 * device's credential) ÷ raw single-row UPDATEs per second; and the server's CPU at the real
 * rate of 10,000 agents every 30 s (333 heartbeats per second).
 */
export const heartbeatScenario: Scenario = {
  id: 'P7',
  title: '10,000 agents heartbeating: heartbeats/s ÷ raw single-row UPDATEs; server CPU at 333/s',
  async run(ctx) {
    const fixture = await devicesFixture(ctx, agents);
    try {
      const { credentials } = await fleetCredentials(fixture.db, fixture.accountId);
      const hashesFile = path.join(os.tmpdir(), `tandem-bench-hashes-${process.pid}.txt`);
      writeFileSync(hashesFile, credentials.map((c) => credentialHashOf(c)).join('\n'));

      let next = 0;
      const rotate = (request: { headers?: Record<string, string> }) => ({
        ...request,
        headers: { ...request.headers, authorization: `Device ${credentials[next++ % credentials.length]}` },
      });
      const url = `${fixture.tandem.baseUrl}/api/agent/heartbeat`;
      const flood = await load({
        url,
        method: 'POST',
        connections,
        durationSeconds: ctx.seconds,
        setupRequest: rotate,
      });
      if (flood.non2xx || flood.errors)
        throw new Error(`heartbeats failed: ${flood.non2xx} non-2xx, ${flood.errors} errors`);
      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/heartbeat-sql.ts', [
        fixture.tandem.databaseUrl,
        String(ctx.seconds),
        String(connections),
        hashesFile,
      ]);

      const cpuBefore = cpuSeconds(fixture.tandem.pid);
      const steady = await load({
        url,
        method: 'POST',
        connections,
        durationSeconds: ctx.seconds,
        rate: agents / 30,
        setupRequest: rotate,
      });
      const cpu = ((cpuSeconds(fixture.tandem.pid) - cpuBefore) / ctx.seconds) * 100;
      ctx.log(
        `  heartbeats ${flood.requestsPerSecond.toFixed(0)}/s, raw UPDATE ${raw.perSecond.toFixed(0)}/s; at 333/s: p99 ${steady.p99} ms, Tandem CPU ${cpu.toFixed(0)} % of a core`,
      );
      return [
        {
          metric: 'heartbeats/s ÷ raw single-row UPDATEs',
          figure: flood.requestsPerSecond,
          unit: '/s',
          baseline: raw.perSecond,
          ratio: ratioOf(flood.requestsPerSecond, raw.perSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.5 },
        },
        {
          metric: 'Tandem CPU at 333 heartbeats/s',
          figure: cpu,
          unit: '% core',
          baseline: null,
          ratio: null,
          judged: 'none',
          target: { op: '<=', value: 100 },
        },
      ];
    } finally {
      await fixture.close();
    }
  },
};

import { setTimeout as sleep } from 'node:timers/promises';
import { startBaselineServer } from '../lib/child.js';
import { residentBytes } from '../lib/cpu.js';
import { freshDatabase } from '../lib/database.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { startTandemProcess, tempDataDir } from '../lib/tandem-process.js';

/**
 * P8 — start-up with an existing data folder (spawn to the first 200 on /healthz) and the idle
 * resident memory of the Tandem process; a bare Fastify started the same way is the reference.
 */
export const startupScenario: Scenario = {
  id: 'P8',
  title: 'start to first 200 on /healthz with an existing data folder; idle memory',
  async run(ctx) {
    const folder = tempDataDir();
    const external = ctx.databaseUrl ? await freshDatabase(ctx.databaseUrl) : null;
    const options = external ? { databaseUrl: external.url } : { dataDir: folder.dir };
    try {
      // the first start creates the data folder (or schema); the measured one finds it ready
      await (await startTandemProcess(options)).stop();
      const tandem = await startTandemProcess(options);
      await sleep(ctx.smoke ? 1000 : 5000);
      const rss = residentBytes(tandem.pid);
      await tandem.stop();

      const bare = await startBaselineServer('bench/baselines/hello-server.ts');
      await sleep(ctx.smoke ? 1000 : 5000);
      const bareRss = residentBytes(bare.pid);
      await bare.stop();
      ctx.log(
        `  ready in ${tandem.readyMs.toFixed(0)} ms (bare Fastify ${bare.readyMs.toFixed(0)} ms); idle ${(rss / 2 ** 20).toFixed(0)} MB (bare ${(bareRss / 2 ** 20).toFixed(0)} MB)`,
      );
      return [
        {
          metric: 'start to first /healthz 200',
          figure: tandem.readyMs,
          unit: 'ms',
          baseline: bare.readyMs,
          ratio: ratioOf(tandem.readyMs, bare.readyMs),
          judged: 'figure',
          target: { op: '<=', value: 3000 },
        },
        {
          metric: 'idle resident memory',
          figure: rss / 2 ** 20,
          unit: 'MB',
          baseline: bareRss / 2 ** 20,
          ratio: ratioOf(rss, bareRss),
          judged: 'figure',
          target: { op: '<=', value: 200 },
        },
      ];
    } finally {
      folder.remove();
      await external?.drop();
    }
  },
};

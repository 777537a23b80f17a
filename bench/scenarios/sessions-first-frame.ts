import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { repoRoot } from '../lib/tandem-process.js';
import type { BenchContext, Measure, Scenario } from '../lib/scenario.js';
import { ratioOf } from '../lib/scenario.js';
import type { ShareTimes } from '../pages/share-paths.js';
import { pinning } from '../lib/cpu.js';

/**
 * P11 — remote-support sessions: the time from the customer's Share to the first frame shown on the
 * technician's side, p50 and p95 over 20 sessions (3 with --smoke). The reference is two bare pages
 * running the same WebRTC code with a bare relay between them; Tandem's path (portal and console
 * through the server) is judged against it (≤ 1.5×) once it is in bench/pages/share-paths.ts.
 *
 * WebRTC between two headless Chromiums needs a network interface other than loopback: the
 * measurement runs in a child process inside a network namespace made by scripts/in-netns.sh (root,
 * or a user namespace; the bench's own when it already runs in one); where none can be made the
 * scenario says so and measures nothing.
 */
const skipped = 77;

function inNamespace(sessions: number, log: (line: string) => void): Promise<ShareTimes[] | null> {
  return new Promise((resolve, reject) => {
    const command = ['scripts/in-netns.sh', process.execPath, '--import', 'tsx', 'bench/pages/share-paths-child.ts'];
    // both pages stand for two people's machines: the browser gets every core, not the load generator's one
    const all = pinning.enabled ? ['taskset', '-c', `0-${pinning.cores - 1}`] : [];
    const [file, ...args] = [...all, ...command, String(sessions)];
    const child = spawn(file!, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('[')) last = line;
      else log(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === skipped) resolve(null);
      else if (code !== 0) reject(new Error(`the measurement in the network namespace exited with ${code}`));
      else resolve(JSON.parse(last) as ShareTimes[]);
    });
  });
}

function rows(times: ShareTimes[]): Measure[] {
  const [bare, tandem] = times;
  if (!bare) return [];
  return (['p50', 'p95'] as const).map((quantile) => {
    const metric = `share to first frame, ${quantile}`;
    if (!tandem) {
      return {
        metric: `${metric} (bare pages)`,
        figure: bare[quantile],
        unit: 'ms',
        baseline: null,
        ratio: null,
        judged: 'none',
        target: { op: '<=', value: 0 },
      };
    }
    return {
      metric,
      figure: tandem[quantile],
      unit: 'ms',
      baseline: bare[quantile],
      ratio: ratioOf(tandem[quantile], bare[quantile]),
      judged: 'ratio',
      target: { op: '<=', value: 1.5 },
    };
  });
}

export const sessionsScenario: Scenario = {
  id: 'P11',
  title: 'remote-support session: Share to the first frame shown by the technician',
  async run(ctx: BenchContext) {
    const sessions = ctx.smoke ? 3 : 20;
    const times = await inNamespace(sessions, ctx.log);
    if (!times) {
      ctx.log('  skipped: no network namespace can be made here (run as root, or allow user namespaces)');
      return [];
    }
    return rows(times);
  },
};

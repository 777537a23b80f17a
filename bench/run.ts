/**
 * `npm run bench [-- --smoke] [--only P5,P8] [--runs N] [--strict]`: runs each scenario (three runs,
 * the median reported, or N; one short run with --smoke), prints the table and writes bench/results.json.
 * Every figure is set against a baseline measured in the same run. DATABASE_URL runs everything
 * on that external PostgreSQL server (in databases the bench creates and drops).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pinning, pinSelfToLoadCore } from './lib/cpu.js';
import { formatTable, passes, resultsDocument, type ResultRow } from './lib/report.js';
import type { BenchContext, Measure } from './lib/scenario.js';
import { median } from './lib/stats.js';
import { ensureServerBuild, repoRoot } from './lib/tandem-process.js';
import { scenarios } from './scenarios/index.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const strict = args.includes('--strict');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',').map((s) => s.trim().toUpperCase())) : null;
const runsIndex = args.indexOf('--runs');
const runsAsked = runsIndex >= 0 ? Number(args[runsIndex + 1]) : null;
const valued = ['--only', '--runs'];
const unknown = args.filter(
  (a, i) => !['--smoke', '--strict', ...valued].includes(a) && !valued.includes(args[i - 1]!),
);
if (unknown.length || (runsAsked !== null && !(Number.isInteger(runsAsked) && runsAsked >= 1))) {
  console.error(
    `${unknown.length ? `Unknown arguments: ${unknown.join(' ')}` : '--runs takes a whole number of runs, 1 or more'}\n` +
      'Usage: npm run bench [-- --smoke] [--only P1,P5] [--runs N] [--strict]',
  );
  process.exit(2);
}

// every scenario starts Tandem as `npm start` does: from its bundle, built first when stale
ensureServerBuild();

const runs = runsAsked ?? (smoke ? 1 : 3);
const ctx: BenchContext = {
  smoke,
  seconds: smoke ? 2 : 10,
  databaseUrl: process.env.DATABASE_URL,
  log: (message) => console.log(message),
};

pinSelfToLoadCore();
console.log(
  `Tandem bench — ${smoke ? 'smoke (one short pass)' : runs === 1 ? 'one run each' : `${runs} runs each, median`}, ${ctx.databaseUrl ? 'external PostgreSQL' : 'embedded PostgreSQL'}, ` +
    (pinning.enabled ? `server on core ${pinning.serverCore}, load on core ${pinning.loadCore}` : 'no core pinning'),
);

const rows: ResultRow[] = [];
let crashed = false;
for (const scenario of scenarios.filter((s) => !only || [s.id, ...(s.covers ?? [])].some((id) => only.has(id)))) {
  console.log(`\n${scenario.id} — ${scenario.title}`);
  const started = performance.now();
  const perRun: Measure[][] = [];
  try {
    for (let i = 0; i < runs; i++) {
      if (runs > 1) console.log(` run ${i + 1}/${runs}`);
      perRun.push(await scenario.run(ctx));
    }
  } catch (err) {
    crashed = true;
    console.error(`${scenario.id} failed: ${err instanceof Error ? err.stack : String(err)}`);
    continue;
  }
  console.log(`  (${scenario.id} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const [index, first] of perRun[0]!.entries()) {
    const all = perRun.map((measures) => measures[index]!);
    const medianOrNull = (values: (number | null)[]) =>
      values.some((v) => v === null) ? null : median(values as number[]);
    const measure: Measure = {
      ...first,
      figure: median(all.map((m) => m.figure)),
      baseline: medianOrNull(all.map((m) => m.baseline)),
      ratio: medianOrNull(all.map((m) => m.ratio)),
    };
    rows.push({ ...measure, scenario: measure.scenario ?? scenario.id, runs, pass: passes(measure) });
  }
}

console.log(`\n${formatTable(rows)}`);
const file = path.join(repoRoot, 'bench', 'results.json');
writeFileSync(
  file,
  `${JSON.stringify(resultsDocument(rows, { smoke, external: Boolean(ctx.databaseUrl) }), null, 2)}\n`,
);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
if (crashed) process.exit(1);
if (strict && rows.some((r) => r.pass === false)) process.exit(1);

import os from 'node:os';
import { pinning } from './cpu.js';
import type { Measure } from './scenario.js';
import { round } from './stats.js';

export interface ResultRow extends Measure {
  scenario: string;
  runs: number;
  /** null: reported only, no target */
  pass: boolean | null;
}

export function passes(measure: Measure): boolean | null {
  if (measure.judged === 'none') return null;
  const value = measure.judged === 'ratio' ? measure.ratio : measure.figure;
  if (value === null || !Number.isFinite(value)) return false;
  return measure.target.op === '>=' ? value >= measure.target.value : value <= measure.target.value;
}

function targetText(m: Measure): string {
  if (m.judged === 'none') return 'reported';
  return `${m.judged === 'ratio' ? 'ratio' : m.unit === 'ms' || m.unit === 'MB' ? '' : 'figure'} ${m.target.op === '>=' ? '≥' : '≤'} ${m.target.value}${m.judged === 'figure' ? ` ${m.unit}` : ''}`.trim();
}

/** The table printed at the end of a run. */
export function formatTable(rows: ResultRow[]): string {
  const header = ['scenario', 'metric', 'figure', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    `${round(r.figure, 1)} ${r.unit}`,
    r.baseline === null ? '—' : `${round(r.baseline, 1)} ${r.unit}`,
    r.ratio === null ? '—' : String(round(r.ratio, 3)),
    targetText(r),
    r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** What bench/results.json holds: the figures, and enough about the machine to compare runs. */
export function resultsDocument(rows: ResultRow[], options: { smoke: boolean; external: boolean }) {
  return {
    date: new Date().toISOString(),
    mode: options.smoke ? 'smoke' : 'full',
    database: options.external ? 'external (DATABASE_URL)' : 'embedded',
    machine: {
      cpus: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      pinning,
    },
    rows,
  };
}

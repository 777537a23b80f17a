/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) of a list, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A latency and the wall-clock time its item was due (planned to be sent). */
export interface TimedLatency {
  dueAt: number;
  ms: number;
}

/**
 * The `n` slowest items, slowest first, each with the time it was due — to line a load's stalls
 * up with another load's, or with the server's and PostgreSQL's logs.
 */
export function slowest(samples: readonly TimedLatency[], n = 3): TimedLatency[] {
  return [...samples].sort((a, b) => b.ms - a.ms).slice(0, n);
}

/** `slowest` as a log line: "1,122 ms at 08:58:25.1, 900 ms at 08:58:25.3" (UTC). */
export function slowestText(samples: readonly TimedLatency[], n = 3): string {
  return samples
    .slice(0, n)
    .map((s) => `${Math.round(s.ms).toLocaleString('en')} ms at ${new Date(s.dueAt).toISOString().slice(11, 21)}`)
    .join(', ');
}

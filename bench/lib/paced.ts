import { percentile, slowest, type TimedLatency } from './stats.js';

export interface PacedResult {
  sent: number;
  /** calls that resolved true */
  ok: number;
  /** the first few failures, for the log */
  failures: string[];
  failed: number;
  p50: number;
  p99: number;
  /** the slowest calls, with the time each was due */
  slowest: TimedLatency[];
}

/**
 * Makes `ratePerSecond` calls for `seconds` at fixed times, call k being `call(k)`; each call's
 * latency counts from its planned time (a slow server cannot hide behind a slowed-down sender).
 * Waits for every call in flight, then counts the calls that resolved true; the others (false,
 * or thrown) failed.
 */
export async function pacedCalls(
  options: { ratePerSecond: number; seconds: number },
  call: (k: number) => Promise<boolean>,
): Promise<PacedResult> {
  const total = Math.max(1, Math.round(options.ratePerSecond * options.seconds));
  const intervalMs = 1000 / options.ratePerSecond;
  const timed: TimedLatency[] = [];
  const failures: string[] = [];
  let ok = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const due = start + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      call(k).then(
        (good) => {
          if (!good) return void failures.push(`call ${k} refused`);
          ok++;
          timed.push({ dueAt: performance.timeOrigin + due, ms: performance.now() - due });
        },
        (err: unknown) => void failures.push(`call ${k}: ${err instanceof Error ? err.message : String(err)}`),
      ),
    );
  }
  await Promise.all(inFlight);
  const latencies = timed.map((t) => t.ms);
  return {
    sent: total,
    ok,
    failed: failures.length,
    failures: failures.slice(0, 3),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    slowest: slowest(timed),
  };
}

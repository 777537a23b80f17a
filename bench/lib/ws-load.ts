import { percentile, slowest, type TimedLatency } from './stats.js';

/**
 * One conversation under load: `send(n)` writes message number n (1, 2, 3… per conversation) on
 * one side; the other side calls the handler given to `onReceive` with each number it receives.
 */
export interface Conversation {
  send(n: number): void;
  onReceive(handler: (n: number) => void): void;
}

export interface RelayResult {
  sent: number;
  delivered: number;
  /** a number received a second time */
  duplicates: number;
  /** a number received before one sent earlier in the same conversation */
  outOfOrder: number;
  /** sent but never received (after the drain) */
  missing: number;
  p50: number;
  p99: number;
  max: number;
  /** the slowest messages, with the time each was due */
  slowest: TimedLatency[];
}

/**
 * Sends `ratePerSecond` messages spread round-robin over all conversations for `seconds`, at
 * fixed times (latency counts from the planned time, so a slow server cannot hide behind a
 * slowed-down sender), and measures each until the other side has it. Waits up to `drainMs` for
 * stragglers, then counts what was lost, duplicated or reordered: each conversation's numbers
 * must arrive exactly once, in order.
 */
export async function relayLoad(
  conversations: Conversation[],
  options: { ratePerSecond: number; seconds: number; drainMs?: number },
): Promise<RelayResult> {
  const sentAt: number[][] = conversations.map(() => []);
  const received = conversations.map(() => new Set<number>());
  const last = conversations.map(() => 0);
  const timed: TimedLatency[] = [];
  let duplicates = 0;
  let outOfOrder = 0;
  let delivered = 0;
  conversations.forEach((conversation, index) =>
    conversation.onReceive((n) => {
      const started = sentAt[index]![n];
      if (started === undefined || received[index]!.has(n)) return void duplicates++;
      received[index]!.add(n);
      if (n !== last[index]! + 1) outOfOrder++;
      last[index] = Math.max(last[index]!, n);
      delivered++;
      timed.push({ dueAt: performance.timeOrigin + started, ms: performance.now() - started });
    }),
  );
  const total = Math.max(1, Math.round(options.ratePerSecond * options.seconds));
  const intervalMs = 1000 / options.ratePerSecond;
  const counters = conversations.map(() => 0);
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const due = start + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const index = k % conversations.length;
    const n = ++counters[index]!;
    sentAt[index]![n] = due;
    conversations[index]!.send(n);
  }
  const drainUntil = performance.now() + (options.drainMs ?? 10_000);
  while (delivered < total && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  // a last look for late duplicates
  await new Promise((r) => setTimeout(r, 200));
  const latencies = timed.map((t) => t.ms);
  return {
    sent: total,
    delivered,
    duplicates,
    outOfOrder,
    missing: total - delivered,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    slowest: slowest(timed, 10),
  };
}

/** Throws unless every message arrived exactly once and in order. */
export function assertExactlyOnce(who: string, result: RelayResult): void {
  if (result.missing || result.duplicates || result.outOfOrder) {
    throw new Error(
      `${who}: ${result.sent} sent, ${result.delivered} delivered, ${result.missing} missing, ${result.duplicates} duplicated, ${result.outOfOrder} out of order`,
    );
  }
}

import { channels } from '../realtime/channels.js';
import type { NotifyHub } from '../realtime/notify-hub.js';
import { createDeliverer, type DeliveryOptions } from './delivery.js';

/** Workers per process, each delivering rounds of up to `roundSize` messages: one slow message holds up one worker. */
export const deliveryWorkers = 2;
export const roundSize = 25;
/** The longest a worker sleeps with nothing due: a safety net under the wake-ups, and the sweep's pace. */
const idleCheckMs = 30_000;
/**
 * The pause when a queued message is due yet was not claimed: it became due just after the claim (a timer fires a
 * millisecond early), or another worker holds it a moment.
 */
const dueNotClaimedMs = 50;
const sweepEveryMs = 60_000;

/**
 * Runs delivery in this process. A worker delivers round after round while messages are due;
 * then it sleeps until a message commits (NOTIFY on the outbox channel), until the next queued
 * message's time (a retry, the end of quiet hours), or 30 s at most. Every minute one of them
 * sweeps up what a stopped process left `sending`. `stop()` lets the rounds under way finish.
 */
export async function startDelivery(options: DeliveryOptions & { hub: NotifyHub; workers?: number }) {
  const deliverer = createDeliverer(options);
  const { log } = options;
  let stopped = false;
  // bumped by every wake-up: a worker that saw it change during its round looks again at once
  let generation = 0;
  const sleepers = new Set<() => void>();
  const wake = () => {
    generation++;
    for (const resume of sleepers) resume();
    sleepers.clear();
  };

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        sleepers.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, ms);
      sleepers.add(resume);
    });
  }

  let lastSweep = 0;
  async function sweepWhenDue(): Promise<void> {
    if (Date.now() - lastSweep < sweepEveryMs) return;
    lastSweep = Date.now();
    const swept = await deliverer.sweep();
    if (swept > 0) log.warn({ count: swept }, 'messages left sending by a stopped process were queued again');
  }

  async function work(): Promise<void> {
    while (!stopped) {
      const seen = generation;
      try {
        await sweepWhenDue();
        if ((await deliverer.deliverDue(roundSize)) > 0 || generation !== seen) continue;
        const nextDue = await deliverer.nextDueInMs();
        if (generation !== seen || stopped) continue;
        await sleep(Math.min(Math.max(nextDue ?? idleCheckMs, dueNotClaimedMs), idleCheckMs));
      } catch (err) {
        // the database is away or refused a statement: nothing was lost, look again shortly
        log.error({ err }, 'delivery round failed; trying again');
        await sleep(2000);
      }
    }
  }

  const unsubscribe = await options.hub.subscribe(channels.outbox, wake);
  // a lost LISTEN connection may have missed wake-ups
  const offReconnect = options.hub.onReconnect(wake);
  const workers = Array.from({ length: options.workers ?? deliveryWorkers }, () => work());

  return {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      offReconnect();
      wake();
      await Promise.all(workers);
    },
  };
}

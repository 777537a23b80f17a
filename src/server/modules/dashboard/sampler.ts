import type { Logger } from 'pino';
import type { Db } from '../../platform/db/pool.js';
import { every, type Every } from '../../platform/jobs/every.js';
import { pruneSamples, writeSamples } from './sampler-repository.js';

/** The trend's resolution: one sample per company every 15 minutes (96 a day). */
export const sampleIntervalMs = 15 * 60_000;
/** How long samples are kept: the trend shows 24 hours; a week and a day leave room for a weekly view. */
export const sampleRetentionMs = 8 * 24 * 60 * 60_000;

/** The sample slot `now` falls in: the start of its 15-minute interval. */
export function slotOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / sampleIntervalMs) * sampleIntervalMs);
}

/**
 * One round of the sampler as of `now`: the current slot's sample (if no process took it yet) and
 * the samples past retention deleted. Idempotent: a second round in the same slot writes nothing.
 */
export async function sampleDeviceStatus(db: Db, now: Date): Promise<{ written: number; pruned: number }> {
  const written = await writeSamples(db, slotOf(now));
  const pruned = await pruneSamples(db, new Date(now.getTime() - sampleRetentionMs));
  return { written, pruned };
}

/**
 * Samples every minute in this process (every process runs one; the first to reach a new slot
 * writes it), at once on start, so a trend has its first point without waiting a quarter hour.
 */
export function startDeviceSampler({ db, log, everyMs = 60_000 }: { db: Db; log: Logger; everyMs?: number }): Every {
  return every(
    everyMs,
    async () => {
      const { written, pruned } = await sampleDeviceStatus(db, new Date());
      if (written > 0 || pruned > 0) log.debug({ written, pruned }, 'device status sampled');
    },
    { name: 'device status sampler', log, immediately: true },
  );
}

import type { Db } from '../../platform/db/pool.js';
import { bumpCounters, throttleWindowMinutes } from './throttle-repository.js';

/** One limit of a request throttle: at most `limit` requests per 15-minute window under `key`. */
export interface RequestLimit {
  key: string;
  limit: number;
}

/**
 * Counts a request that sends something (e.g. a password-reset e-mail) on the sign-in throttle's counters: the same
 * table, the same fixed 15-minute windows, one statement for every counter. Answers, for each limit, whether this
 * request went past it and the seconds until its window ends. Counters are swept with the sign-in ones.
 */
export async function countRequest(
  db: Db,
  limits: readonly RequestLimit[],
): Promise<{ key: string; over: boolean; wait: number }[]> {
  const counted = await bumpCounters(
    db,
    limits.map((l) => ({ kind: 'address' as const, key: l.key, gated: false })),
    Number.MAX_SAFE_INTEGER,
  );
  return limits.map((l) => {
    const row = counted.find((r) => r.key === l.key);
    return { key: l.key, over: (row?.failures ?? 0) > l.limit, wait: row?.wait ?? throttleWindowMinutes * 60 };
  });
}

export interface Backoff {
  /** the ceiling of the first wait (attempt 0); it doubles with each attempt */
  baseMs: number;
  /** the largest ceiling */
  capMs: number;
  /**
   * `full`: anywhere from 0 to the ceiling; `equal`: from half the ceiling to the ceiling;
   * `none`: the ceiling itself (a single client, where nobody else retries at the same moment)
   */
  jitter: 'full' | 'equal' | 'none';
  /** a number in [0, 1); tests pass a fixed one */
  random?: () => number;
}

/**
 * How long to wait before the retry after `attempt` failures (from 0): capped exponential backoff,
 * jittered so that clients which lost the server together do not all come back together.
 * Whole milliseconds. Pure and dependency-free: the portal bundles it.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, jitter, random = Math.random }: Backoff): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  if (jitter === 'none') return ceiling;
  const floor = jitter === 'equal' ? ceiling / 2 : 0;
  return Math.floor(floor + random() * (ceiling - floor));
}

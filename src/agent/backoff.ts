/**
 * Capped exponential backoff with full jitter: the n-th retry waits a random time between 0 and
 * min(cap, base × 2^n), so agents that lost the server together do not come back together.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, capMs = 5 * 60_000, random = Math.random } = {}): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter below the ceiling', () => {
    const top = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, capMs: 60_000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 5].map(top)).toEqual([999, 1999, 3999, 7999, 31999]);
    expect(top(6)).toBe(59999);
    expect(top(1000)).toBe(59999);
    expect(backoffDelay(4, { random: () => 0 })).toBe(0);
  });

  it('spreads agents apart', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(8)));
    expect(delays.size).toBeGreaterThan(40);
  });
});

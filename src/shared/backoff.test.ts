import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const near1 = () => 0.999999;

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, whatever the attempt', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, { baseMs: 500, capMs: 10_000, jitter: 'none' });
    expect([0, 1, 2, 3, 4, 5, 6, 1000, Infinity].map(ceiling)).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000,
    ]);
    expect(ceiling(-1)).toBe(500);
  });

  it('full jitter: anywhere from 0 to just under the ceiling', () => {
    const at = (attempt: number, random: () => number) =>
      backoffDelay(attempt, { baseMs: 1000, capMs: 60_000, jitter: 'full', random });
    expect([0, 1, 2, 3, 5, 6, 1000].map((a) => at(a, near1))).toEqual([999, 1999, 3999, 7999, 31_999, 59_999, 59_999]);
    expect(at(4, () => 0)).toBe(0);
    expect(at(1, () => 0.5)).toBe(1000);
  });

  it('equal jitter: from half the ceiling to the ceiling', () => {
    const at = (attempt: number, random: () => number) =>
      backoffDelay(attempt, { baseMs: 1000, capMs: 30_000, jitter: 'equal', random });
    expect([
      at(0, () => 0),
      at(0, () => 1),
      at(3, () => 1),
      at(20, () => 1),
      at(20, () => 0),
      at(2, () => 0.5),
    ]).toEqual([500, 1000, 8000, 30_000, 15_000, 3000]);
  });

  it('spreads clients apart with the real random source', () => {
    for (const jitter of ['full', 'equal'] as const) {
      const delays = Array.from({ length: 50 }, () => backoffDelay(8, { baseMs: 1000, capMs: 5 * 60_000, jitter }));
      expect(new Set(delays).size).toBeGreaterThan(40);
      const low = jitter === 'equal' ? 128_000 : 0;
      expect(delays.every((d) => Number.isInteger(d) && d >= low && d < 256_000)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './live-socket.js';

describe('the portal sockets’ reconnection delay', () => {
  it('doubles up to 8 s, each wait between half its ceiling and its ceiling', () => {
    expect([0, 1, 2, 3, 4, 9].map((attempt) => retryDelayMs(attempt, false, () => 0.999999))).toEqual([
      499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect([0, 1, 2, 3, 4, 9].map((attempt) => retryDelayMs(attempt, false, () => 0))).toEqual([
      250, 500, 1000, 2000, 4000, 4000,
    ]);
  });

  it('is jittered, so customers cut off together do not come back together', () => {
    const delays = Array.from({ length: 50 }, () => retryDelayMs(3, false));
    expect(new Set(delays).size).toBeGreaterThan(40);
    expect(delays.every((d) => d >= 2000 && d < 4000)).toBe(true);
  });

  it('waits the longest while the browser is offline (its online event reconnects at once)', () => {
    expect(retryDelayMs(0, true, () => 0)).toBe(4000);
    expect(retryDelayMs(0, true, () => 0.999999)).toBe(7999);
  });
});

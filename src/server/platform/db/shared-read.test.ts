import { describe, expect, it } from 'vitest';
import { SharedRead } from './shared-read.js';

describe('SharedRead', () => {
  it('runs one load for concurrent callers of a key, and reads again once it settled', async () => {
    const shared = new SharedRead<number>();
    let loads = 0;
    let release!: (n: number) => void;
    const load = () => {
      loads++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const together = [shared.read('a', load), shared.read('a', load), shared.read('a', load)];
    const other = shared.read('b', () => Promise.resolve(7));
    expect(loads).toBe(1);
    release(42);
    expect(await Promise.all(together)).toEqual([42, 42, 42]);
    expect(await other).toBe(7);
    expect(shared.size).toBe(0);
    const again = shared.read('a', load);
    expect(loads).toBe(2);
    release(43);
    expect(await again).toBe(43);
  });

  it('shares a failure with the callers that waited, and forgets it', async () => {
    const shared = new SharedRead<number>();
    const failing = () => Promise.reject(new Error('down'));
    await expect(Promise.all([shared.read('a', failing), shared.read('a', failing)])).rejects.toThrow('down');
    expect(await shared.read('a', () => Promise.resolve(1))).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { PerSessionQueue } from './per-session-queue.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PerSessionQueue', () => {
  it("runs one session's jobs in order, other sessions alongside, and goes on after a failure", async () => {
    const errors: unknown[] = [];
    const queue = new PerSessionQueue((err) => errors.push(err));
    const done: string[] = [];
    void queue.push('a', async () => {
      await tick(30);
      done.push('a1');
    });
    void queue.push('a', async () => {
      throw new Error('a2 failed');
    });
    void queue.push('b', async () => {
      done.push('b1');
    });
    const last = queue.push('a', async () => {
      done.push('a3');
    });
    expect(queue.size).toBe(2);
    await last;
    expect(done).toEqual(['b1', 'a1', 'a3']);
    expect(errors).toEqual([new Error('a2 failed')]);
    await tick(0);
    expect(queue.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { WorkSlots } from './work-slots.js';

describe('WorkSlots', () => {
  it('never runs more tasks at once than its size, and runs them all in arrival order', async () => {
    const slots = new WorkSlots(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(n);
      active--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => slots.run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
    expect(slots.queued).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new WorkSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { every } from './every.js';

const quiet = { error: vi.fn() };

/** a piece of work that stays under way until `finish` is called */
function controlled() {
  const calls: (() => void)[] = [];
  const work = vi.fn(() => new Promise<void>((resolve) => calls.push(resolve)));
  return { work, finish: () => calls.shift()?.() };
}

describe('every', () => {
  afterEach(() => {
    vi.useRealTimers();
    quiet.error.mockReset();
  });

  it('runs on each tick, at once only when asked', async () => {
    vi.useFakeTimers();
    const work = vi.fn(async () => {});
    const later = every(1000, work, { name: 'later', log: quiet });
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3000);
    expect(work).toHaveBeenCalledTimes(3);
    await later.stop();
    const atOnce = vi.fn(async () => {});
    const now = every(1000, atOnce, { name: 'now', log: quiet, immediately: true });
    expect(atOnce).toHaveBeenCalledTimes(1);
    await now.stop();
  });

  it('never runs twice at once: a tick during a run is skipped', async () => {
    vi.useFakeTimers();
    const { work, finish } = controlled();
    const loop = every(1000, work, { name: 'slow', log: quiet, immediately: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(work).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    finish();
    await loop.stop();
  });

  it('stop waits for the run under way, then nothing runs any more', async () => {
    vi.useFakeTimers();
    const { work, finish } = controlled();
    const loop = every(1000, work, { name: 'stopping', log: quiet, immediately: true });
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('logs a failed run by name and tries again at the next tick', async () => {
    vi.useFakeTimers();
    const failure = new Error('database away');
    const work = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const loop = every(1000, work, { name: 'offline sweep', log: quiet, immediately: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(quiet.error).toHaveBeenCalledWith({ err: failure }, 'offline sweep failed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    expect(quiet.error).toHaveBeenCalledTimes(1);
    await loop.stop();
  });
});

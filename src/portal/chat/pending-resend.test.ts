import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingResend } from './pending-resend.js';

describe('sending unacknowledged messages again after a refusal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resends after a refused frame budget, once however many refusals arrive together', () => {
    const resend = vi.fn();
    const pending = new PendingResend(resend);
    expect(pending.refused('rate_limited')).toBe(true);
    expect(pending.refused('rate_limited')).toBe(true);
    vi.advanceTimersByTime(999);
    expect(resend).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(resend).toHaveBeenCalledTimes(1);
  });

  it('waits longer while refusals keep coming, up to 8 s, and the shortest time again once a message is stored', () => {
    const resend = vi.fn();
    const pending = new PendingResend(resend);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      pending.refused('unavailable');
      const before = resend.mock.calls.length;
      let waited = 0;
      while (resend.mock.calls.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    pending.acknowledged();
    pending.refused('rate_limited');
    vi.advanceTimersByTime(1000);
    expect(resend).toHaveBeenCalledTimes(7);
  });

  it('leaves final refusals to the customer: nothing is sent again', () => {
    const resend = vi.fn();
    const pending = new PendingResend(resend);
    for (const code of ['invalid_frame', 'too_large', 'not_allowed', 'closed', 'not_found'] as const)
      expect(pending.refused(code)).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(resend).not.toHaveBeenCalled();
  });

  it('sends nothing once stopped', () => {
    const resend = vi.fn();
    const pending = new PendingResend(resend);
    pending.refused('rate_limited');
    pending.stop();
    vi.advanceTimersByTime(10_000);
    expect(resend).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultWindow, ViewerFlow } from './flow-control.js';

describe('ViewerFlow', () => {
  it('lets at most `window` tiles wait for their acknowledgement (a screen of tiles by default)', () => {
    expect(defaultWindow).toBe(6);
    const flow = new ViewerFlow({ window: 2 });
    expect(flow.canSend(0)).toBe(true);
    flow.sent(1, 0);
    expect(flow.canSend(0)).toBe(true);
    flow.sent(2, 0);
    expect(flow.canSend(0)).toBe(false);
    flow.acked(1, 20);
    expect(flow.canSend(20)).toBe(true);
    flow.acked(99, 20); // an unknown ack changes nothing
    expect(flow.unacknowledged).toBe(1);
  });

  it('a tile never acknowledged stops holding the window after a while, and reset empties it', () => {
    const flow = new ViewerFlow({ window: 2, staleMs: 1000 });
    flow.sent(1, 0);
    flow.sent(2, 0);
    expect(flow.canSend(500)).toBe(false);
    expect(flow.canSend(1500)).toBe(true);
    flow.sent(3, 1500);
    flow.reset();
    expect(flow.unacknowledged).toBe(0);
  });

  it('steps quality then scale down while acknowledgements are slow, and back up when they are fast', () => {
    const flow = new ViewerFlow({ slowMs: 300, fastMs: 100, settleMs: 2000 });
    expect(flow.quality).toEqual({ quality: 80, scale: 1 });
    let now = 0;
    let seq = 0;
    const roundTrip = (ms: number) => {
      flow.sent(++seq, now);
      now += ms;
      return flow.acked(seq, now);
    };
    for (let i = 0; i < 40; i++) roundTrip(800);
    expect(flow.quality).toEqual({ quality: 30, scale: 0.5 });
    expect(flow.ackMs).toBeGreaterThan(300);
    for (let i = 0; i < 10; i++) roundTrip(20);
    expect(flow.quality.scale).toBeLessThan(1); // not all at once: each step waits to settle
    for (let i = 0; i < 2000; i++) roundTrip(20);
    expect(flow.quality).toEqual({ quality: 80, scale: 1 });
  });

  it('keeps the best quality on a fast link', () => {
    const flow = new ViewerFlow();
    for (let seq = 1; seq < 100; seq++) {
      flow.sent(seq, seq * 40);
      flow.acked(seq, seq * 40 + 15);
    }
    expect(flow.quality).toEqual({ quality: 80, scale: 1 });
  });
});

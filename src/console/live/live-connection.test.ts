import { describe, expect, it } from 'vitest';
import { liveUrl, reconnectDelayMs } from './live-connection.js';

describe('live connection', () => {
  it('waits longer after each failed attempt, up to 30 s, with jitter', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
    expect(reconnectDelayMs(0, () => 1)).toBe(1000);
    expect(reconnectDelayMs(3, () => 1)).toBe(8000);
    expect(reconnectDelayMs(20, () => 1)).toBe(30_000);
    expect(reconnectDelayMs(20, () => 0)).toBe(15_000);
  });

  it('uses wss on https pages', () => {
    expect(liveUrl({ protocol: 'https:', host: 'tandem.example:8443' })).toBe('wss://tandem.example:8443/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/v1/live');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, liveUrl, reconnectDelayMs } from './live-connection.js';

class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  send() {}
  close() {}
}

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

  describe('connection id', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    });

    it("keeps the server hello's connection id while the socket is open, and forgets it when it closes", () => {
      vi.useFakeTimers();
      vi.stubGlobal('WebSocket', FakeSocket);
      const connection = new LiveConnection('ws://x/api/v1/live', () => undefined);
      const seen: (string | null)[] = [];
      connection.watchConnectionId((id) => seen.push(id));
      connection.start();
      const socket = FakeSocket.last!;
      socket.readyState = 1;
      socket.onopen?.();
      expect(connection.connectionId).toBeNull();
      socket.onmessage?.({ data: JSON.stringify({ type: 'hello', connectionId: 'c-1', userId: 'u' }) });
      expect(connection.connectionId).toBe('c-1');
      socket.onclose?.({ code: 1006 });
      expect(connection.connectionId).toBeNull();
      expect(seen).toEqual(['c-1', null]);
      connection.stop();
    });
  });

  describe('resynchronising', () => {
    afterEach(() => vi.unstubAllGlobals());

    const firstOpen = (connection: LiveConnection) => {
      const seen: string[] = [];
      connection.listen((message) => seen.push(message.type));
      connection.start();
      FakeSocket.last!.readyState = 1;
      FakeSocket.last!.onopen?.();
      connection.stop();
      return seen;
    };

    it('tells listeners after a reconnection only, unless what is shown was drawn before the socket opened', () => {
      vi.stubGlobal('WebSocket', FakeSocket);
      expect(
        firstOpen(
          new LiveConnection(
            () => 'ws://x/api/v1/live',
            () => undefined,
          ),
        ),
      ).toEqual([]);
      const drawn = new LiveConnection(
        () => 'ws://x/api/v1/live',
        () => undefined,
      );
      drawn.resyncWhenFirstOpen();
      expect(firstOpen(drawn)).toEqual(['resync']);
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeTile, type BinaryMessage, type RemoteToConsole } from '../../../../shared/remote/protocol.js';
import { RateMeter, relayUrl, RemoteTransport, type Pipe, type TransportKind } from './transport.js';

class FakePipe implements Pipe {
  binaryType = 'blob';
  bufferedAmount = 0;
  readyState = 'connecting';
  sent: unknown[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly url = '') {}
  send(data: unknown) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 'closed';
    this.onclose?.({} as Event);
  }
  open() {
    this.readyState = 'open';
    this.onopen?.({} as Event);
  }
  drop() {
    this.readyState = 'closed';
    this.onclose?.({} as Event);
  }
  message(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

const hello = {
  t: 'hello',
  mode: 'control',
  control: true,
  monitors: [],
  monitorId: 0,
  os: 'linux',
  agentVersion: '1.0.0',
  fileMaxBytes: 1000,
};

function setup() {
  const sockets: FakePipe[] = [];
  const texts: RemoteToConsole[] = [];
  const binaries: BinaryMessage[] = [];
  const kinds: (TransportKind | null)[] = [];
  const transport = new RemoteTransport({
    relayUrl: 'ws://x/api/v1/sessions/s/relay?peer=p',
    createSocket: (url) => {
      const socket = new FakePipe(url);
      sockets.push(socket);
      return socket;
    },
    onText: (m) => texts.push(m),
    onBinary: (m) => binaries.push(m),
    onKind: (k) => kinds.push(k),
    retryMs: [100],
  });
  return { transport, sockets, texts, binaries, kinds };
}

describe('remote transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens the relay at once and reads text and tiles from it', () => {
    const { transport, sockets, texts, binaries, kinds } = setup();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.binaryType).toBe('arraybuffer');
    expect(transport.send({ t: 'clipboard.get' })).toBe(false);
    sockets[0]!.open();
    expect(kinds).toEqual(['relayed']);
    sockets[0]!.message(JSON.stringify(hello));
    sockets[0]!.message('{"t":"nonsense"}');
    const tile = encodeTile({
      seq: 3,
      full: true,
      x: 0,
      y: 0,
      w: 2,
      h: 2,
      screenW: 4,
      screenH: 4,
      jpeg: new Uint8Array([1]),
    });
    sockets[0]!.message(tile.buffer);
    expect(texts.map((m) => m.t)).toEqual(['hello']);
    expect(binaries[0]).toMatchObject({ kind: 'tile', seq: 3, full: true });
    expect(transport.send({ t: 'ack', seq: 3 })).toBe(true);
    expect(sockets[0]!.sent).toEqual(['{"t":"ack","seq":3}']);
  });

  it('moves to the DataChannel when it opens (closing the relay) and back to the relay when it closes', () => {
    const { transport, sockets, kinds } = setup();
    sockets[0]!.open();
    const channel = new FakePipe();
    transport.attachChannel(channel);
    expect(channel.binaryType).toBe('arraybuffer');
    channel.open();
    expect(sockets[0]!.closed).toBe(true);
    expect(transport.current).toBe('direct');
    transport.send({ t: 'clipboard.get' });
    expect(channel.sent).toEqual(['{"t":"clipboard.get"}']);
    channel.drop();
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.url).toBe('ws://x/api/v1/sessions/s/relay?peer=p');
    sockets[1]!.open();
    expect(kinds).toEqual(['relayed', 'direct', null, 'relayed']);
  });

  it('tries the relay again after a wait while nothing is open, and stops once closed', () => {
    const { transport, sockets } = setup();
    sockets[0]!.drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    transport.close();
    expect(sockets[1]!.closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
  });

  it('waits for the open transport to drain', async () => {
    const { transport, sockets } = setup();
    sockets[0]!.open();
    sockets[0]!.bufferedAmount = 5000;
    let done: boolean | null = null;
    void transport.drained(1000).then((d) => (done = d));
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBeNull();
    sockets[0]!.bufferedAmount = 10;
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(true);
  });

  it('measures frames per second and kbit/s over two seconds', () => {
    let now = 0;
    const meter = new RateMeter(() => now);
    for (let i = 0; i < 20; i++) {
      meter.add(1000, true);
      now += 100;
    }
    expect(meter.read()).toEqual({ fps: 10, kbps: 80 });
    now += 3000;
    expect(meter.read()).toEqual({ fps: 0, kbps: 0 });
  });

  it('builds the relay address from the page', () => {
    expect(relayUrl('s1', 'c 1', { protocol: 'https:', host: 'h:1' })).toBe(
      'wss://h:1/api/v1/sessions/s1/relay?peer=c%201',
    );
  });
});

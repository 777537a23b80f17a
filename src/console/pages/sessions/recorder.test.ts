import { describe, expect, it } from 'vitest';
import { ChunkQueue, type QueueState } from './recorder.js';

const chunk = (text: string) => new Blob([text], { type: 'video/webm' });
const noWait = () => Promise.resolve();

/** A fake server: stores chunks by seq (a resend overwrites, so it is stored once), failing as told. */
function fakeServer(failures: Record<number, number> = {}, options: { loseAckOf?: number } = {}) {
  const stored = new Map<number, string>();
  const calls: number[] = [];
  let ackLost = false;
  const upload = async (seq: number, data: Blob) => {
    calls.push(seq);
    const left = failures[seq] ?? 0;
    if (left > 0) {
      failures[seq] = left - 1;
      throw Object.assign(new Error('unavailable'), { status: 503 });
    }
    stored.set(seq, await data.text());
    if (options.loseAckOf === seq && !ackLost) {
      ackLost = true;
      throw Object.assign(new Error('network'), { status: 0 });
    }
  };
  return { stored, calls, upload };
}

describe('ChunkQueue', () => {
  it('uploads chunks one at a time in seq order, starting at 0', async () => {
    const server = fakeServer();
    let inFlight = 0;
    let most = 0;
    const queue = new ChunkQueue({
      maxPendingBytes: 1000,
      sleep: noWait,
      upload: async (seq, data) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await server.upload(seq, data);
        inFlight--;
      },
    });
    expect(['a', 'b', 'c'].map((text) => queue.push(chunk(text)))).toEqual([0, 1, 2]);
    await queue.flush();
    expect(server.calls).toEqual([0, 1, 2]);
    expect([...server.stored.entries()]).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(most).toBe(1);
    expect(queue.state()).toMatchObject({ pending: 0, pendingBytes: 0, uploaded: 3, stopped: null });
  });

  it('retries a failed chunk with growing waits and keeps later chunks behind it', async () => {
    const server = fakeServer({ 1: 3 });
    const waits: number[] = [];
    const queue = new ChunkQueue({
      maxPendingBytes: 1000,
      retryMs: [10, 20, 40],
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      upload: server.upload,
    });
    for (const text of ['a', 'b', 'c']) queue.push(chunk(text));
    await queue.flush();
    expect(server.calls).toEqual([0, 1, 1, 1, 1, 2]);
    expect(waits).toEqual([10, 20, 40]);
    expect([...server.stored.values()]).toEqual(['a', 'b', 'c']);
  });

  it('sends the same seq and bytes again when an acknowledgement is lost: the server keeps it once', async () => {
    const server = fakeServer({}, { loseAckOf: 0 });
    const queue = new ChunkQueue({ maxPendingBytes: 1000, sleep: noWait, upload: server.upload });
    queue.push(chunk('header'));
    queue.push(chunk('frames'));
    await queue.flush();
    expect(server.calls).toEqual([0, 0, 1]);
    expect([...server.stored.entries()]).toEqual([
      [0, 'header'],
      [1, 'frames'],
    ]);
  });

  it('keeps chunks in memory until acknowledged and refuses new ones past its bound', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const states: QueueState[] = [];
    const uploaded: number[] = [];
    const queue = new ChunkQueue({
      maxPendingBytes: 10,
      sleep: noWait,
      onChange: (state) => states.push(state),
      upload: async (seq) => {
        await gate;
        uploaded.push(seq);
      },
    });
    expect(queue.push(chunk('12345'))).toBe(0);
    expect(queue.push(chunk('67890'))).toBe(1);
    expect(queue.state()).toMatchObject({ pending: 2, pendingBytes: 10 });
    expect(queue.push(chunk('x'))).toBeNull();
    expect(queue.state().stopped).toBe('overflow');
    release();
    await queue.flush();
    // what was recorded before the bound still goes up; nothing after it is taken
    expect(uploaded).toEqual([0, 1]);
    expect(queue.push(chunk('y'))).toBeNull();
    expect(states.at(-1)).toMatchObject({ pending: 0, uploaded: 2, stopped: 'overflow' });
  });

  it('stops for good when the server refuses a chunk (not worth retrying)', async () => {
    const calls: number[] = [];
    const queue = new ChunkQueue({
      maxPendingBytes: 1000,
      sleep: noWait,
      retryable: (error) => (error as { status?: number }).status !== 409,
      upload: (seq) => {
        calls.push(seq);
        return Promise.reject(Object.assign(new Error('ended'), { status: 409 }));
      },
    });
    queue.push(chunk('a'));
    queue.push(chunk('b'));
    await queue.flush();
    expect(calls).toEqual([0]);
    expect(queue.state()).toMatchObject({ pending: 0, stopped: 'refused' });
  });

  it('uploads a chunk pushed while the previous one was being acknowledged', async () => {
    const server = fakeServer();
    const queue = new ChunkQueue({
      maxPendingBytes: 1000,
      sleep: noWait,
      upload: async (seq, data) => {
        await server.upload(seq, data);
        if (seq === 0) queue.push(chunk('late'));
      },
    });
    queue.push(chunk('first'));
    await queue.flush();
    expect([...server.stored.values()]).toEqual(['first', 'late']);
  });
});

describe('ChunkQueue resumed', () => {
  it('numbers chunks after the ones already stored', async () => {
    const server = fakeServer();
    const queue = new ChunkQueue({ firstSeq: 7, maxPendingBytes: 1000, sleep: noWait, upload: server.upload });
    expect(queue.push(chunk('a'))).toBe(7);
    await queue.flush();
    expect(server.calls).toEqual([7]);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { appendMessage } from '../../src/server/modules/requests/index.js';
import * as requests from '../../src/server/modules/requests/index.js';
import { inBatches } from '../lib/batches.js';
import { startBaselineServer } from '../lib/child.js';
import { chatFixture, nextFrame, openSocket, type Chat, type ChatFixture } from '../lib/chat-fixture.js';
import { memoryPerConnection } from '../lib/connection-memory.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';

/**
 * A customer's chat socket as the portal page opens it after a drop: connect (token checked),
 * `hello`, `resume` after the seq it holds, and the replay up to `hello.lastSeq`. Resolves when
 * resumed; counts any message received twice or skipped. `base`: another process's ws:// address.
 */
export async function resume(
  fixture: ChatFixture,
  chat: Chat,
  afterSeq: number,
  faults: string[],
  base?: string,
): Promise<WebSocket> {
  // a refused upgrade is counted, then retried as the portal page retries (after a short pause)
  let socket: WebSocket | undefined;
  for (let attempt = 1; !socket; attempt++) {
    try {
      socket = await openSocket(fixture.customerUrl(chat, base), {}, chat.address);
    } catch (err) {
      faults.push(`${chat.id}: ${(err as Error).message}`);
      if (attempt === 5) throw err;
      await sleep(250 * attempt);
    }
  }
  const hello = await nextFrame(socket, (f) => f.type === 'hello', 120_000);
  const lastSeq = hello.lastSeq as number;
  let expected = afterSeq + 1;
  const done = new Promise<void>((resolve) => {
    if (lastSeq <= afterSeq) resolve();
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; message?: { seq: number } };
      if (frame.type === 'error') faults.push(`error frame: ${data.toString()}`);
      if (frame.type !== 'message') return;
      if (frame.message!.seq !== expected)
        faults.push(`${chat.id}: seq ${frame.message!.seq} where ${expected} was due`);
      expected = frame.message!.seq + 1;
      if (frame.message!.seq >= lastSeq) resolve();
    });
  });
  socket.send(JSON.stringify({ type: 'resume', afterSeq }));
  await done;
  return socket;
}

/** The technician writes once in every chat while its customer is away (what the replay carries). */
async function writeWhileAway(fixture: ChatFixture): Promise<void> {
  await inBatches(fixture.chats, 4, (chat) =>
    fixture.db.transaction(async (tx) => {
      const row = (await requests.findRequest(tx, fixture.accountId, chat.id, { forUpdate: true }))!;
      await appendMessage(
        tx,
        row,
        { type: 'technician', userId: chat.technician.id, name: chat.technician.name },
        { clientId: `away-${chat.id.slice(0, 8)}`, body: 'Are you still there?' },
      );
    }),
  );
}

const settleMs = (smoke: boolean) => (smoke ? 1000 : 3000);

/**
 * P6 — a reconnect storm of customer chat sockets (the sockets a server restart or a network
 * blip drops by the thousand, each resuming with a replay): 2,000 accepted chats (50 in a smoke
 * pass) connected and idle, all dropped at once, a technician message written in each meanwhile,
 * then all reconnecting at once: time until every one is resumed (hello, resume, replay of the
 * missed message, exactly once) ÷ the time a bare `ws` server takes to accept as many sockets.
 * Memory per idle connection: the Tandem process's RSS growth ÷ connections, against the same
 * on the bare `ws` server.
 */
export const reconnectScenario: Scenario = {
  id: 'P6',
  title: 'reconnect storm: 2,000 chat sockets resumed ÷ bare ws accepting 2,000; memory per idle connection',
  async run(ctx) {
    const chats = ctx.smoke ? 50 : 2000;
    const fixture = await chatFixture(ctx, chats, { accept: 'seeded' });
    let stormMs: number;
    let perConnection: number;
    let fromIdle: number;
    const faults: string[] = [];
    try {
      await sleep(settleMs(ctx.smoke));
      const measured = await memoryPerConnection(
        fixture.tandem.pid,
        fixture.chats,
        (chat) => resume(fixture, chat, 0, faults),
        settleMs(ctx.smoke),
      );
      const first = measured.connections;
      perConnection = measured.bytesPerConnection;
      fromIdle = measured.fromIdleBytesPerConnection;

      for (const socket of first) socket.terminate();
      await writeWhileAway(fixture);
      await sleep(settleMs(ctx.smoke));
      const started = performance.now();
      const second = await Promise.all(fixture.chats.map((chat) => resume(fixture, chat, 2, faults)));
      stormMs = performance.now() - started;
      for (const socket of second) socket.terminate();
      if (faults.length) ctx.log(`  resume faults: ${faults.slice(0, 3).join('; ')} (${faults.length} in all)`);
    } finally {
      await fixture.close();
    }

    const bare = await startBaselineServer('bench/baselines/ws-relay.ts');
    let bareMs: number;
    let barePerConnection: number;
    let bareFromIdle: number;
    try {
      const url = (i: number) => `ws://127.0.0.1:${bare.port}/pair/${i}/a`;
      const indexes = Array.from({ length: chats }, (_, i) => i);
      await sleep(settleMs(ctx.smoke));
      const measured = await memoryPerConnection(bare.pid, indexes, (i) => openSocket(url(i)), settleMs(ctx.smoke));
      const first = measured.connections;
      barePerConnection = measured.bytesPerConnection;
      bareFromIdle = measured.fromIdleBytesPerConnection;
      for (const socket of first) socket.terminate();
      await sleep(settleMs(ctx.smoke));
      const started = performance.now();
      const second = await Promise.all(indexes.map((i) => openSocket(url(i))));
      bareMs = performance.now() - started;
      for (const socket of second) socket.terminate();
    } finally {
      await bare.stop();
    }
    const kb = (bytes: number) => bytes / 1024;
    ctx.log(
      `  ${chats} chat sockets resumed at once in ${stormMs.toFixed(0)} ms (bare ws accepts as many in ${bareMs.toFixed(0)} ms); ` +
        `idle connection ${kb(fromIdle).toFixed(1)} kB (bare ws ${kb(bareFromIdle).toFixed(1)} kB), ` +
        `the second half's ${kb(perConnection).toFixed(1)} kB (bare ws ${kb(barePerConnection).toFixed(1)} kB)`,
    );
    return [
      {
        metric: `${chats} chat sockets reconnecting at once: all resumed ÷ bare ws accepting`,
        figure: stormMs,
        unit: 'ms',
        baseline: bareMs,
        ratio: ratioOf(stormMs, bareMs),
        judged: 'ratio',
        target: { op: '<=', value: 3 },
      },
      {
        metric: 'refused reconnects, skipped or repeated messages',
        figure: faults.length,
        unit: '',
        baseline: null,
        ratio: null,
        judged: 'figure',
        target: { op: '<=', value: 0 },
      },
      {
        metric: 'memory per idle chat connection (RSS growth from idle ÷ connections)',
        figure: kb(fromIdle),
        unit: 'kB',
        baseline: kb(bareFromIdle),
        ratio: ratioOf(fromIdle, bareFromIdle),
        judged: 'ratio',
        target: { op: '<=', value: 2 },
      },
      {
        metric: 'RSS added by the second half of the connections, per connection (reported)',
        figure: kb(perConnection),
        unit: 'kB',
        baseline: kb(barePerConnection),
        ratio: ratioOf(perConnection, barePerConnection),
        judged: 'none',
        target: { op: '<=', value: 2 },
      },
    ];
  },
};

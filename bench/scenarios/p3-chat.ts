import type WebSocket from 'ws';
import { startBaselineServer } from '../lib/child.js';
import { chatFixture, nextFrame, openSocket, type ChatFixture } from '../lib/chat-fixture.js';
import { cpuSeconds } from '../lib/cpu.js';
import { inBatches } from '../lib/batches.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { assertExactlyOnce, relayLoad, type Conversation } from '../lib/ws-load.js';

/**
 * The chats as conversations: each customer on the portal socket (resumed), each technician on
 * the console live socket following the chats they hold. A message goes from the customer's
 * `message` frame to the technician's `support.message`. `technicianLive` puts the technicians on
 * another process's live socket; `prefix` marks this load's messages (a second load on the same
 * chats ignores the first one's in the replay).
 */
export async function tandemConversations(
  fixture: ChatFixture,
  { technicianLive = fixture.liveUrl, prefix = 'b' }: { technicianLive?: string; prefix?: string } = {},
): Promise<{ conversations: Conversation[]; sockets: WebSocket[]; errors: string[] }> {
  const index = new Map(fixture.chats.map((chat, i) => [chat.id, i]));
  const handlers: ((n: number) => void)[] = [];
  const errors: string[] = [];
  const sockets: WebSocket[] = [];

  // technicians: one live socket each, following every chat they hold (the replay of message 2
  // proves each subscription is in place)
  await inBatches(fixture.technicians, 10, async (technician) => {
    const socket = await openSocket(technicianLive, { cookie: technician.session!.cookie });
    sockets.push(socket);
    await nextFrame(socket, (f) => f.type === 'hello');
    const mine = fixture.chats.filter((c) => c.technician === technician);
    const followed = new Set<string>();
    const ready = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as {
          type: string;
          requestId?: string;
          message?: { seq: number; clientId: string | null; body: string; author: { type: string } };
          code?: string;
          message_?: string;
        };
        if (frame.type === 'error') errors.push(`technician: ${JSON.stringify(frame)}`);
        if (frame.type !== 'support.message' || !frame.message) return;
        const { message } = frame;
        if (message.seq === 2 && !followed.has(frame.requestId!)) {
          followed.add(frame.requestId!);
          if (followed.size === mine.length) resolve();
          return;
        }
        if (message.author.type === 'customer' && message.clientId?.startsWith(prefix))
          handlers[index.get(frame.requestId!)!]?.(Number(message.body));
      });
    });
    for (const chat of mine)
      socket.send(JSON.stringify({ type: 'support.subscribe', requestId: chat.id, afterSeq: 1 }));
    await ready;
  });

  // customers: the portal socket, resumed after what they hold
  const customers = await inBatches(fixture.chats, 50, async (chat) => {
    const socket = await openSocket(fixture.customerUrl(chat), {}, chat.address);
    sockets.push(socket);
    const hello = await nextFrame(socket, (f) => f.type === 'hello');
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type === 'error') errors.push(`customer: ${data.toString()}`);
    });
    socket.send(JSON.stringify({ type: 'resume', afterSeq: hello.lastSeq }));
    return socket;
  });

  const conversations = customers.map((socket, i): Conversation => ({
    send: (n) => socket.send(JSON.stringify({ type: 'message', clientId: `${prefix}${n}`, body: String(n) })),
    onReceive: (handler) => void (handlers[i] = handler),
  }));
  return { conversations, sockets, errors };
}

/** The same conversations through the bare `ws` relay: one socket per side per chat. */
async function relayConversations(
  port: number,
  chats: number,
): Promise<{ conversations: Conversation[]; sockets: WebSocket[] }> {
  const sockets: WebSocket[] = [];
  const conversations = await inBatches(
    Array.from({ length: chats }, (_, i) => i),
    50,
    async (i): Promise<Conversation> => {
      const b = await openSocket(`ws://127.0.0.1:${port}/pair/${i}/b`);
      const a = await openSocket(`ws://127.0.0.1:${port}/pair/${i}/a`);
      sockets.push(a, b);
      return {
        send: (n) => a.send(JSON.stringify({ type: 'message', clientId: `b${n}`, body: String(n) })),
        onReceive: (handler) =>
          b.on('message', (data) => handler(Number((JSON.parse(data.toString()) as { body: string }).body))),
      };
    },
  );
  return { conversations, sockets };
}

/**
 * P3 — customer → technician message latency (p99) with 1,000 accepted chats open at once
 * (1,000 customer sockets, 50 technicians' live sockets; 20 chats in a smoke pass) at a fixed
 * rate of one message per chat every 10 s, ÷ a bare `ws` relay carrying the same messages at the
 * same rate. Every message must arrive exactly once and in order, on both.
 */
export const chatScenario: Scenario = {
  id: 'P3',
  title: 'chat: customer → technician latency p99 at 1,000 chats ÷ a bare ws relay; every message once',
  async run(ctx) {
    const chats = Number(process.env.BENCH_P3_CHATS) || (ctx.smoke ? 20 : 1000);
    const rate = Number(process.env.BENCH_P3_RATE) || (ctx.smoke ? 10 : 50);
    const seconds = ctx.smoke ? ctx.seconds : 2 * ctx.seconds;

    const fixture = await chatFixture(ctx, chats);
    let tandemResult;
    let cpu: number;
    try {
      const { conversations, sockets, errors } = await tandemConversations(fixture);
      const cpuBefore = cpuSeconds(fixture.tandem.pid);
      tandemResult = await relayLoad(conversations, { ratePerSecond: rate, seconds });
      cpu = ((cpuSeconds(fixture.tandem.pid) - cpuBefore) / seconds) * 100;
      for (const s of sockets) s.terminate();
      if (errors.length) ctx.log(`  error frames: ${errors.slice(0, 3).join('; ')} (${errors.length} in all)`);
    } finally {
      await fixture.close();
    }

    const relay = await startBaselineServer('bench/baselines/ws-relay.ts');
    let relayResult;
    try {
      const { conversations, sockets } = await relayConversations(relay.port, chats);
      relayResult = await relayLoad(conversations, { ratePerSecond: rate, seconds });
      for (const s of sockets) s.terminate();
      assertExactlyOnce('ws relay', relayResult);
    } finally {
      await relay.stop();
    }
    ctx.log(
      `  ${tandemResult.sent} messages at ${rate}/s over ${chats} chats: Tandem delivered ${tandemResult.delivered} (${tandemResult.missing} missing, ${tandemResult.duplicates} twice, ${tandemResult.outOfOrder} out of order), Tandem p50 ${tandemResult.p50.toFixed(1)} ms, p99 ${tandemResult.p99.toFixed(1)} ms (CPU ${cpu.toFixed(0)} % of a core); ` +
        `bare ws p50 ${relayResult.p50.toFixed(1)} ms, p99 ${relayResult.p99.toFixed(1)} ms`,
    );
    return [
      {
        metric: `chat message p99 at ${chats} chats, ${rate} msg/s ÷ bare ws relay`,
        figure: tandemResult.p99,
        unit: 'ms',
        baseline: relayResult.p99,
        ratio: ratioOf(tandemResult.p99, relayResult.p99),
        judged: 'ratio',
        target: { op: '<=', value: 2 },
      },
      {
        metric: `messages not delivered exactly once, in order (of ${tandemResult.sent})`,
        figure: tandemResult.missing + tandemResult.duplicates + tandemResult.outOfOrder,
        unit: 'msgs',
        baseline: null,
        ratio: null,
        judged: 'figure',
        target: { op: '<=', value: 0 },
      },
      {
        metric: 'chat message p50 (reported)',
        figure: tandemResult.p50,
        unit: 'ms',
        baseline: relayResult.p50,
        ratio: ratioOf(tandemResult.p50, relayResult.p50),
        judged: 'none',
        target: { op: '<=', value: 2 },
      },
      {
        metric: `Tandem CPU at ${rate} chat msg/s`,
        figure: cpu,
        unit: '% core',
        baseline: null,
        ratio: null,
        judged: 'none',
        target: { op: '<=', value: 100 },
      },
    ];
  },
};

import type WebSocket from 'ws';
import { startBaselineServer } from '../lib/child.js';
import { openChats } from '../lib/chat-conversations.js';
import { chatFixture, openSocket } from '../lib/chat-fixture.js';
import { cpuSeconds } from '../lib/cpu.js';
import { inBatches } from '../lib/batches.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { assertExactlyOnce, relayLoad, type Conversation } from '../lib/ws-load.js';

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
      const open = await openChats(fixture);
      const { errors } = open;
      const cpuBefore = cpuSeconds(fixture.tandem.pid);
      tandemResult = await relayLoad(open.conversations('b'), { ratePerSecond: rate, seconds });
      cpu = ((cpuSeconds(fixture.tandem.pid) - cpuBefore) / seconds) * 100;
      open.close();
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

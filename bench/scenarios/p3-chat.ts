import type WebSocket from 'ws';
import { startBaselineServer } from '../lib/child.js';
import { openChats } from '../lib/chat-conversations.js';
import { chatFixture, openSocket } from '../lib/chat-fixture.js';
import { cpuSeconds } from '../lib/cpu.js';
import { inBatches } from '../lib/batches.js';
import { slowestText } from '../lib/stats.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { assertExactlyOnce, relayLoad, type Conversation, type RelayResult } from '../lib/ws-load.js';

/** The same conversations through a baseline relay (`ws-relay.ts`, `ws-durable-relay.ts`): one socket per side per chat. */
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

/** The same load through a baseline relay started from `file`; every message must arrive once, in order. */
async function relayBaseline(
  file: string,
  args: string[],
  chats: number,
  load: { ratePerSecond: number; seconds: number },
): Promise<RelayResult> {
  const relay = await startBaselineServer(file, args);
  try {
    const { conversations, sockets } = await relayConversations(relay.port, chats);
    const result = await relayLoad(conversations, load);
    for (const s of sockets) s.terminate();
    assertExactlyOnce(file, result);
    return result;
  } finally {
    await relay.stop();
  }
}

/**
 * P3 — customer → technician message latency (p99) with 1,000 accepted chats open at once
 * (1,000 customer sockets, 50 technicians' live sockets; 20 chats in a smoke pass) at a fixed
 * rate of one message per chat every 20 s, ÷ a durable `ws` relay carrying the same messages at
 * the same rate: each message stored in the same PostgreSQL (one committed statement with its
 * NOTIFY) and forwarded when the notice comes back — the least a chat that stores before it
 * acknowledges can do. A bare in-memory relay is reported beside it. Every message must arrive
 * exactly once and in order, on all three.
 */
export const chatScenario: Scenario = {
  id: 'P3',
  title: 'chat: customer → technician latency p99 at 1,000 chats ÷ a durable ws relay; every message once',
  async run(ctx) {
    const chats = Number(process.env.BENCH_P3_CHATS) || (ctx.smoke ? 20 : 1000);
    const rate = Number(process.env.BENCH_P3_RATE) || (ctx.smoke ? 10 : 50);
    const load = { ratePerSecond: rate, seconds: ctx.smoke ? ctx.seconds : 2 * ctx.seconds };

    const fixture = await chatFixture(ctx, chats);
    let tandemResult;
    let durable;
    let cpu: number;
    try {
      const open = await openChats(fixture);
      const { errors } = open;
      const cpuBefore = cpuSeconds(fixture.tandem.pid);
      tandemResult = await relayLoad(open.conversations('b'), load);
      cpu = ((cpuSeconds(fixture.tandem.pid) - cpuBefore) / load.seconds) * 100;
      open.close();
      if (errors.length) ctx.log(`  error frames: ${errors.slice(0, 3).join('; ')} (${errors.length} in all)`);
      // the durable relay stores in Tandem's own database, Tandem idle meanwhile (its sockets closed)
      durable = await relayBaseline('bench/baselines/ws-durable-relay.ts', [fixture.tandem.databaseUrl], chats, load);
    } finally {
      await fixture.close();
    }
    const bare = await relayBaseline('bench/baselines/ws-relay.ts', [], chats, load);
    ctx.log(
      `  ${tandemResult.sent} messages at ${rate}/s over ${chats} chats: Tandem delivered ${tandemResult.delivered} (${tandemResult.missing} missing, ${tandemResult.duplicates} twice, ${tandemResult.outOfOrder} out of order), Tandem p50 ${tandemResult.p50.toFixed(1)} ms, p99 ${tandemResult.p99.toFixed(1)} ms (CPU ${cpu.toFixed(0)} % of a core); ` +
        `durable ws relay p50 ${durable.p50.toFixed(1)} ms, p99 ${durable.p99.toFixed(1)} ms; bare ws p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`,
    );
    // the p99 of 1,000 messages is the tenth slowest: when each was due shows what they waited on
    ctx.log(
      `  slowest (UTC): Tandem ${slowestText(tandemResult.slowest, 10)}; durable relay ${slowestText(durable.slowest, 10)}`,
    );
    return [
      {
        metric: `chat message p99 at ${chats} chats, ${rate} msg/s ÷ durable ws relay (stored, NOTIFY)`,
        figure: tandemResult.p99,
        unit: 'ms',
        baseline: durable.p99,
        ratio: ratioOf(tandemResult.p99, durable.p99),
        judged: 'ratio',
        target: { op: '<=', value: 1.5 },
      },
      {
        metric: 'chat message p99 ÷ bare in-memory ws relay (reported)',
        figure: tandemResult.p99,
        unit: 'ms',
        baseline: bare.p99,
        ratio: ratioOf(tandemResult.p99, bare.p99),
        judged: 'none',
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
        metric: 'chat message p50 ÷ durable ws relay (reported)',
        figure: tandemResult.p50,
        unit: 'ms',
        baseline: durable.p50,
        ratio: ratioOf(tandemResult.p50, durable.p50),
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

import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { inBatches } from '../lib/batches.js';
import { chatFixture, type ChatFixture } from '../lib/chat-fixture.js';
import { moreProcesses } from '../lib/more-processes.js';
import { ratioOf, type BenchContext, type Measure, type Scenario } from '../lib/scenario.js';
import { relayLoad, type RelayResult } from '../lib/ws-load.js';
import { resume } from './p6-reconnect.js';
import { deviceListOnTwo } from './p10-device-list.js';
import { notifyRate, type NotifyRate } from './p10-notify-probe.js';
import { acceptRace, presenceAgreement } from './p10-races.js';
import { openChats } from '../lib/chat-conversations.js';

/**
 * Processes the bench runs at most: the first Tandem (with the embedded PostgreSQL) and three more;
 * the smoke pass (CI) runs two, which exercises the same paths in half the start-ups.
 */
const processesFor = (ctx: BenchContext) => (ctx.smoke ? 2 : 4);

const reported = (m: Omit<Measure, 'judged' | 'target'>): Measure => ({
  ...m,
  judged: 'none',
  target: { op: '<=', value: 0 },
});
const none = (metric: string, figure: number, unit = ''): Measure => ({
  metric,
  figure,
  unit,
  baseline: null,
  ratio: null,
  judged: 'figure',
  target: { op: '<=', value: 0 },
});

/**
 * Each of the four processes' request pool, sized as docs/OPERATIONS.md advises so that together
 * (with each one's job queue and LISTEN connection) they stay under PostgreSQL's 100 connections:
 * the races then measure Tandem, not the server's connection limit.
 */
const pooled = { TANDEM_DATABASE_POOL_SIZE: '15' };

/**
 * One chat load: P3's conversations with the technicians on `technicianLive`. A message refused
 * with an error frame never arrives: it counts as missing (and the first refusals are logged).
 */
async function chatLoad(
  ctx: BenchContext,
  fixture: ChatFixture,
  options: { technicianLive: string; prefix: string; rate: number; seconds: number },
): Promise<RelayResult> {
  const open = await openChats(fixture, options);
  const { errors } = open;
  try {
    return await relayLoad(open.conversations(options.prefix), {
      ratePerSecond: options.rate,
      seconds: options.seconds,
    });
  } finally {
    open.close();
    if (errors.length) ctx.log(`  error frames: ${errors.slice(0, 2).join('; ')} (${errors.length} in all)`);
  }
}

/** Every customer's chat socket reconnecting at once, chat i on process i mod n: ms until all resumed. */
async function storm(fixture: ChatFixture, bases: string[], faults: string[]): Promise<number> {
  const started = performance.now();
  const sockets = await Promise.all(
    fixture.chats.map((chat, i) => resume(fixture, chat, 0, faults, bases[i % bases.length])),
  );
  const ms = performance.now() - started;
  for (const s of sockets) s.terminate();
  await sleep(1000);
  return ms;
}

/** Chat across processes and reconnect storms spread over 1, 2 and 4 processes. */
async function chatPart(ctx: BenchContext) {
  const chats = Number(process.env.BENCH_P10_CHATS) || (ctx.smoke ? 20 : 500);
  const rate = ctx.smoke ? 10 : 50;
  const seconds = ctx.smoke ? ctx.seconds : 2 * ctx.seconds;
  const processCount = processesFor(ctx);
  const fixture = await chatFixture(ctx, chats, { env: pooled });
  try {
    const more = await moreProcesses(fixture.tandem, processCount - 1, pooled);
    try {
      const bases = more.socketBases;
      const same = await chatLoad(ctx, fixture, {
        technicianLive: `${bases[0]}/api/v1/live`,
        prefix: 's',
        rate,
        seconds,
      });
      const split = await chatLoad(ctx, fixture, {
        technicianLive: `${bases[1]}/api/v1/live`,
        prefix: 'x',
        rate,
        seconds,
      });
      const faults: string[] = [];
      // every process warmed once (sockets spread, in batches), then the storms
      const warm: WebSocket[] = await inBatches(fixture.chats, 100, (chat, i) =>
        resume(fixture, chat, 0, faults, bases[i % bases.length]),
      );
      for (const s of warm) s.terminate();
      await sleep(1000);
      const storms = new Map<number, number>();
      for (const n of new Set([1, 2, processCount])) storms.set(n, await storm(fixture, bases.slice(0, n), faults));
      if (faults.length) ctx.log(`  resume faults: ${faults.slice(0, 3).join('; ')} (${faults.length} in all)`);
      return { chats, rate, same, split, storms, faults: faults.length };
    } finally {
      await more.close();
    }
  } finally {
    await fixture.close();
  }
}

/** Presence and accept races on waiting requests, technicians spread over 4 processes; the NOTIFY probe on that PostgreSQL. */
async function racePart(ctx: BenchContext) {
  const requests = ctx.smoke ? 20 : 100;
  const technicians = ctx.smoke ? 8 : 16;
  const fixture = await chatFixture(ctx, requests, { accept: 'none', technicians, env: pooled });
  try {
    const found = await racesOn(ctx, fixture);
    // the probe once the other processes are gone: 4 pools grown by the races fill PostgreSQL's 100 connections
    const probes: NotifyRate[] = [];
    for (const listeners of [...new Set([1, 2, processesFor(ctx), 8])])
      probes.push(await notifyRate(fixture.tandem.databaseUrl, { listeners, seconds: ctx.smoke ? 1 : 5 }));
    return { requests, technicians, ...found, probes };
  } finally {
    await fixture.close();
  }
}

/** Presence and accept races with three more processes beside the fixture's Tandem. */
async function racesOn(ctx: BenchContext, fixture: ChatFixture) {
  const more = await moreProcesses(fixture.tandem, processesFor(ctx) - 1, pooled);
  try {
    const presence = await presenceAgreement(fixture, more.socketBases);
    const race = await acceptRace(fixture, more.socketBases);
    if (race.unexpected.length)
      ctx.log(`  unexpected accept answers: ${race.unexpected.slice(0, 3).join('; ')} (${race.unexpected.length})`);
    return { presence, race };
  } finally {
    await more.close();
  }
}

/**
 * P10 — several Tandem processes (separate OS processes from the build) on one PostgreSQL,
 * connections spread over them by the bench: chat latency with the customer and the technician on
 * different processes ÷ both on one; accept races and presence across processes; reconnect storms
 * spread over 1, 2 and 4 processes; P1's inventory page on 2 processes ÷ 1; and the NOTIFY rate
 * one PostgreSQL carries to N listening connections (the fan-out's ceiling).
 */
export const processesScenario: Scenario = {
  id: 'P10',
  title: 'several processes on one PostgreSQL: chat across processes, accept races, presence, storms, NOTIFY ceiling',
  async run(ctx) {
    const chat = await chatPart(ctx);
    const races = await racePart(ctx);
    const list = await deviceListOnTwo(ctx);
    const { same, split } = chat;
    const storm1 = chat.storms.get(1)!;
    ctx.log(
      `  chat at ${chat.rate}/s over ${chat.chats} chats: both sides on one process p50 ${same.p50.toFixed(1)} ms, p99 ${same.p99.toFixed(1)} ms; ` +
        `on two processes p50 ${split.p50.toFixed(1)} ms, p99 ${split.p99.toFixed(1)} ms`,
    );
    ctx.log(
      `  storms of ${chat.chats} sockets: ${[...chat.storms].map(([n, ms]) => `${n} process(es) ${ms.toFixed(0)} ms`).join(', ')}`,
    );
    ctx.log(
      `  ${races.technicians} technicians × ${races.requests} requests (${races.race.attempts} accepts, each request by all at once): ${races.race.doubleWinners} with two winners, ${races.race.lost} lost; ` +
        `presence: ${races.presence.disagreements} of ${races.presence.checks} customer views late or wrong`,
    );
    ctx.log(`  inventory page: 1 process ${list.one.toFixed(0)}/s, 2 processes ${list.two.toFixed(0)}/s`);
    ctx.log(
      `  NOTIFY: ${races.probes.map((p) => `${p.listeners} listener(s) ${p.deliveredPerSecond.toFixed(0)}/s each (${p.missing} missing)`).join(', ')}`,
    );
    const faultsOf = (r: RelayResult) => r.missing + r.duplicates + r.outOfOrder;
    const probe1 = races.probes[0]!.deliveredPerSecond;
    return [
      {
        metric: `chat p99, customer and technician on different processes ÷ on one (${chat.chats} chats, ${chat.rate} msg/s)`,
        figure: split.p99,
        unit: 'ms',
        baseline: same.p99,
        ratio: ratioOf(split.p99, same.p99),
        judged: 'ratio',
        target: { op: '<=', value: 1.3 },
      },
      none(
        `chat messages not delivered exactly once, in order (of ${same.sent + split.sent})`,
        faultsOf(same) + faultsOf(split),
        'msgs',
      ),
      none(
        `accept races: requests with two winners (${races.race.attempts} accepts over ${processesFor(ctx)} processes, 10 requests raced at once)`,
        races.race.doubleWinners,
      ),
      none(`accept races: requests lost (no winner, or not the winner stored)`, races.race.lost),
      none(
        'accept races: answers other than 200 and 409 (e.g. 503, the database out of connections)',
        races.race.unexpected.length,
      ),
      none(
        `presence: customer views disagreeing 3 s after a change on another process (of ${races.presence.checks})`,
        races.presence.disagreements,
      ),
      ...[...chat.storms.keys()]
        .filter((n) => n > 1)
        .map((n) =>
          reported({
            metric: `reconnect storm, ${chat.chats} sockets spread over ${n} processes ÷ on 1`,
            figure: chat.storms.get(n)!,
            unit: 'ms',
            baseline: storm1,
            ratio: ratioOf(chat.storms.get(n)!, storm1),
          }),
        ),
      none('reconnect storms: refused reconnects, skipped or repeated messages', chat.faults),
      reported({
        metric: 'inventory page req/s on 2 processes ÷ 1 (same cores)',
        figure: list.two,
        unit: '/s',
        baseline: list.one,
        ratio: ratioOf(list.two, list.one),
      }),
      ...races.probes.map((p) =>
        reported({
          metric: `NOTIFY delivered to each of ${p.listeners} listening connection(s) (÷ 1 listener)`,
          figure: p.deliveredPerSecond,
          unit: '/s',
          baseline: probe1,
          ratio: ratioOf(p.deliveredPerSecond, probe1),
        }),
      ),
    ];
  },
};

import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { fireDueConditions } from '../../src/server/modules/alerts/index.js';
import { takeDueSchedules } from '../../src/server/modules/reports/index.js';
import { upsertAccountSetting } from '../../src/server/modules/settings/index.js';
import { openChats } from '../lib/chat-conversations.js';
import { cpuSeconds, residentBytes } from '../lib/cpu.js';
import { ratioOf, type Measure, type Scenario } from '../lib/scenario.js';
import { startSmtpSink } from '../lib/smtp-sink.js';
import { relayLoad } from '../lib/ws-load.js';
import { slowestText } from '../lib/stats.js';
import { consoleLoad, heartbeatInterval, heartbeatLoad } from './p9-loads.js';
import { alertAddress, buildMsp, consoleMix, reportAddress, type Msp, type MspSize } from './p9-msp.js';

const consoleRate = 20;
const chatRate = 50;
const alertGroupSeconds = 30;

const count = async (msp: Msp, query: ReturnType<typeof sql>) =>
  (await msp.fixture.db.execute<{ n: number }>(query)).rows[0]!.n;

/** Polls until `done()` or `timeoutMs`; true when done. */
async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await sleep(250);
  }
  return true;
}

/**
 * P9 — a whole MSP on one machine: one Tandem (on the server core) with 10,000 enrolled devices,
 * 200 technicians with seats and live console sockets, 1,000 accepted chats, a device-offline
 * alert rule and a daily report (bench/scenarios/p9-msp.ts). Phase 1, the idle Tandem: the
 * console's request mix alone at 20 requests/s, then the chats alone at 50 messages/s — the
 * baselines. Phase 2, everything at once for 60 s: every device heartbeating at the interval
 * Tandem gives its agents, the chats at 50 messages/s, the console at 20 requests/s, while some
 * devices of the alerting company fall silent (their alert fires) and the report falls due.
 * Smoke: 1,000 devices, 20 technicians, 50 chats, 10 s; Tandem's minute ticks (the report
 * scheduler's, the alert groups') are then run by the bench at the time they are due, so the pass
 * stays short; the full run waits for Tandem's own.
 */
export const wholeMspScenario: Scenario = {
  id: 'P9',
  title: 'a whole MSP on one machine: devices, technicians, chats, console, alerts and a report at once',
  async run(ctx) {
    const size: MspSize = ctx.smoke
      ? { devices: 1_000, technicians: 20, chats: 50, silent: 5 }
      : { devices: 10_000, technicians: 200, chats: 1_000, silent: 20 };
    const seconds = ctx.smoke ? 10 : 60;
    const idleSeconds = ctx.smoke ? 3 : 15;
    // a message is lost when it never arrives, not when it arrives late: late ones count in the p99
    const drainMs = 30_000;
    const smtp = await startSmtpSink();
    let msp: Msp | undefined;
    try {
      msp = await buildMsp(ctx, size, smtp.url);
      const m = msp;
      const { db, accountId } = m.fixture;
      const baseUrl = m.fixture.tandem.baseUrl;
      const pid = m.fixture.tandem.pid;
      await upsertAccountSetting(db, accountId, 'notifications.alertGroupSeconds', { value: alertGroupSeconds });
      const chats = await openChats(m.fixture);
      const mix = consoleMix(m.companyIds);
      const seen = (ago: number, ids?: string[]) =>
        db.execute(
          sql`update devices set last_seen_at = now() - make_interval(secs => ${ago}) where account_id = ${accountId}
            ${ids ? sql`and id in (select unnest(${`{${ids.join(',')}}`}::uuid[]))` : sql``}`,
        );
      await seen(0);

      // phase 1: the idle Tandem
      const idleConsole = await consoleLoad(baseUrl, m.admin, mix, consoleRate, idleSeconds);
      const idleChat = await relayLoad(chats.conversations('i'), {
        ratePerSecond: chatRate,
        seconds: idleSeconds,
        drainMs,
      });
      ctx.log(
        `  idle: console p50 ${idleConsole.p50.toFixed(1)} ms, p99 ${idleConsole.p99.toFixed(1)} ms (${idleConsole.failed} failed); chat p50 ${idleChat.p50.toFixed(1)} ms, p99 ${idleChat.p99.toFixed(1)} ms (${idleChat.missing} missing, ${idleChat.duplicates} twice)`,
      );
      ctx.log(
        `  idle, slowest (UTC): console ${slowestText(idleConsole.slowest)}; chat ${slowestText(idleChat.slowest)}`,
      );

      // phase 2: everything at once; the silent devices miss their heartbeats from the start, the report falls due
      const interval = await heartbeatInterval(m);
      const missed = 3; // devices.offlineAfterMissedHeartbeats, as the account leaves it
      await seen(0);
      await seen(missed * interval, m.silent);
      await db.execute(
        sql`update report_schedules set next_run_at = now() + interval '2 seconds' where id = ${m.scheduleId}`,
      );
      const cpuBefore = cpuSeconds(pid);
      let rss = residentBytes(pid);
      const sampler = setInterval(() => {
        const now = residentBytes(pid);
        if (Number.isFinite(now)) rss = Math.max(rss, now);
      }, 1000);
      const started = performance.now();
      // smoke: the report scheduler's minute tick, run by the bench when the report is due
      const tick = ctx.smoke ? sleep(3000).then(() => takeDueSchedules(db, new Date())) : Promise.resolve([]);
      const [beats, chat, busy] = await Promise.all([
        heartbeatLoad(m, interval, seconds),
        relayLoad(chats.conversations('m'), { ratePerSecond: chatRate, seconds, drainMs }),
        consoleLoad(baseUrl, m.admin, mix, consoleRate, seconds),
        tick,
      ]);
      const elapsed = (performance.now() - started) / 1000;
      const cpu = ((cpuSeconds(pid) - cpuBefore) / elapsed) * 100;
      clearInterval(sampler);
      chats.close();
      if (chats.errors.length) ctx.log(`  error frames: ${chats.errors.slice(0, 3).join('; ')}`);
      ctx.log(
        `  under load: ${beats.sent} heartbeats at ${(beats.sent / seconds).toFixed(0)}/s (every ${interval} s) — ${beats.ok} acknowledged, ${beats.stale} devices' last-seen behind, ${beats.offline} offline, p99 ${beats.p99.toFixed(1)} ms; ` +
          `chat ${chat.sent} messages, ${chat.delivered} delivered (${chat.missing} missing, ${chat.duplicates} twice, ${chat.outOfOrder} out of order), p50 ${chat.p50.toFixed(1)} ms, p99 ${chat.p99.toFixed(1)} ms; ` +
          `console ${busy.sent} requests (${busy.failed} failed), p50 ${busy.p50.toFixed(1)} ms, p99 ${busy.p99.toFixed(1)} ms; Tandem CPU ${cpu.toFixed(0)} % of a core, RSS up to ${(rss / 2 ** 20).toFixed(0)} MB`,
      );
      ctx.log(
        `  under load, slowest (UTC): heartbeats ${slowestText(beats.slowest)}; chat ${slowestText(chat.slowest)}; console ${slowestText(busy.slowest)}`,
      );
      for (const failure of [...beats.failures, ...busy.failures, ...idleConsole.failures]) ctx.log(`  ${failure}`);

      // the alerts: the silent devices' firings, grouped into one message per rule, contact and method
      const wait = ctx.smoke ? 15_000 : 150_000;
      const fired = () => count(m, sql`select count(*)::int as n from alert_firings where account_id = ${accountId}`);
      await until(async () => (await fired()) >= m.silent.length, wait);
      // smoke: the alert tick, run by the bench when the group's window ends
      if (ctx.smoke)
        await fireDueConditions(db, new Date(Date.now() + alertGroupSeconds * 1000), { publicUrl: baseUrl });
      const written = () =>
        count(
          m,
          sql`select count(*)::int as n from outbox_messages where account_id = ${accountId} and kind like 'alert_%'`,
        );
      await until(async () => (await written()) > 0 && smtp.receivedBy(alertAddress) >= (await written()), wait);
      await until(() => smtp.receivedBy(reportAddress) > 0, wait);
      const alerts = smtp.receivedBy(alertAddress);
      const reports = smtp.receivedBy(reportAddress);
      ctx.log(
        `  ${await fired()} alerts fired for ${m.silent.length} silent devices, ${await written()} alert e-mails written, ${alerts} received; ${reports} report e-mail(s) received (${smtp.received} e-mails in all)`,
      );

      const rows: Measure[] = [
        {
          metric: `console p99 at ${consoleRate} req/s under the whole load ÷ on the idle Tandem`,
          figure: busy.p99,
          unit: 'ms',
          baseline: idleConsole.p99,
          ratio: ratioOf(busy.p99, idleConsole.p99),
          judged: 'ratio',
          target: { op: '<=', value: 3 },
        },
        {
          metric: `chat p99 at ${chatRate} msg/s under the whole load ÷ on the idle Tandem`,
          figure: chat.p99,
          unit: 'ms',
          baseline: idleChat.p99,
          ratio: ratioOf(chat.p99, idleChat.p99),
          judged: 'ratio',
          target: { op: '<=', value: 2 },
        },
        {
          metric: `heartbeats lost (of ${beats.sent}: not acknowledged, or last-seen behind)`,
          figure: beats.sent - beats.ok + beats.stale + beats.offline,
          unit: 'heartbeats',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 0 },
        },
        {
          metric: `chat messages lost, duplicated or out of order (of ${chat.sent + idleChat.sent})`,
          figure:
            chat.missing +
            chat.duplicates +
            chat.outOfOrder +
            idleChat.missing +
            idleChat.duplicates +
            idleChat.outOfOrder,
          unit: 'msgs',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 0 },
        },
        {
          metric: 'console requests failed (idle and under load)',
          figure: busy.failed + idleConsole.failed,
          unit: 'requests',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 0 },
        },
        {
          metric: 'scheduled report delivered',
          figure: reports,
          unit: 'e-mails',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '>=', value: 1 },
        },
        {
          metric: `alert e-mails delivered (${m.silent.length} devices offline, grouped)`,
          figure: alerts,
          unit: 'e-mails',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '>=', value: 1 },
        },
        {
          metric: 'Tandem CPU under the whole load',
          figure: cpu,
          unit: '% core',
          baseline: null,
          ratio: null,
          judged: 'none',
          target: { op: '<=', value: 100 },
        },
        {
          metric: 'Tandem memory (RSS, highest under load)',
          figure: rss / 2 ** 20,
          unit: 'MB',
          baseline: null,
          ratio: null,
          judged: 'none',
          target: { op: '<=', value: 1024 },
        },
      ];
      return rows;
    } finally {
      await msp?.fixture.close();
      await smtp.close();
    }
  },
};

import { sql } from 'drizzle-orm';
import { enqueueEmail } from '../../src/server/platform/mail/outbox.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { runOnServerCore } from '../lib/child.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { startSmtpSink } from '../lib/smtp-sink.js';
import { percentile } from '../lib/stats.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';
import { smtpConnections } from '../../src/server/platform/mail/transport.js';
import { notificationEmail } from '../lib/notification-email.js';

const concurrency = 8;
/** The latency phase: e-mails enqueued at a steady rate a busy desk could see (a storm of alerts), each at its planned time. */
const latencyRate = 100;

type Enqueue = (n: number) => Promise<number>;

/** Enqueues `count` e-mails flat out from `concurrency` transactions; resolves with each call's duration. */
async function flatOut(enqueue: Enqueue, first: number, count: number): Promise<number[]> {
  const durations: number[] = [];
  let next = first;
  const worker = async () => {
    while (next < first + count) durations.push(await enqueue(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return durations;
}

/** Enqueues `count` e-mails at `rate` per second, each started at its planned time whatever the earlier ones do. */
async function atFixedRate(enqueue: Enqueue, first: number, count: number, rate: number): Promise<number[]> {
  const start = performance.now();
  const calls: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    calls.push(enqueue(first + i));
  }
  return Promise.all(calls);
}

/**
 * P4 — notification e-mails: each enqueued as the product does (`enqueueEmail` inside a
 * transaction, from a pool like Tandem's), delivered by Tandem's delivery workers over SMTP to a
 * server in the bench process. Throughput: a backlog of 500 written in one transaction, e-mails
 * delivered per second from its commit to the last delivery ÷ the SMTP leg alone: the same
 * messages handed to the same server by nodemailer through Tandem's pooled transport, no database.
 * Reported: the same number enqueued flat out from 8 transactions and delivered (the enqueuing
 * sets that pace), and raw single-row INSERTs per second through the same kind of pool. Latency:
 * the enqueue call's p99 at a steady 100 e-mails per second (latency at saturation only measures
 * the queue). Every message must arrive exactly once.
 */
export const notificationScenario: Scenario = {
  id: 'P4',
  title: 'notification e-mails delivered per second ÷ the SMTP leg alone; enqueue p99',
  async run(ctx) {
    const count = ctx.smoke ? 50 : 500;
    const steadyCount = ctx.smoke ? 20 : latencyRate * 5;
    const smtp = await startSmtpSink();
    const tandem = await tandemForBench(ctx, { SMTP_URL: smtp.url });
    const database = openDatabase(tandem.databaseUrl, { max: concurrency * 2 });
    try {
      const { db } = database;
      const accountId = (await db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`))
        .rows[0]!.id;
      const enqueue: Enqueue = (n) =>
        db.transaction(async (tx) => {
          const before = performance.now();
          await enqueueEmail(tx, notificationEmail(n, accountId));
          return performance.now() - before;
        });

      // Tandem's pooled SMTP connections opened and greeted first, as the baseline's are
      await Promise.all(Array.from({ length: smtpConnections }, (_, n) => enqueue(n)));
      await smtp.waitFor(smtpConnections, 60_000);
      let next = smtpConnections;

      // the delivery's throughput: a backlog written in one transaction (an alert storm's, a
      // report's to many), from its commit — which wakes the delivery workers — to the last delivery
      const backlogFirst = next;
      await db.transaction(async (tx) => {
        for (let n = backlogFirst; n < backlogFirst + count; n++)
          await enqueueEmail(tx, notificationEmail(n, accountId));
      });
      const committedAt = performance.now();
      next += count;
      await smtp.waitFor(next, ctx.smoke ? 60_000 : 300_000);
      const perSecond = count / ((smtp.lastAt - committedAt) / 1000);

      // the same number enqueued flat out from 8 transactions while delivery runs (reported)
      const started = performance.now();
      const flatOutMs = await flatOut(enqueue, next, count);
      const enqueued = performance.now();
      next += count;
      await smtp.waitFor(next, ctx.smoke ? 60_000 : 300_000);
      const flatOutPerSecond = count / ((smtp.lastAt - started) / 1000);

      const steadyMs = await atFixedRate(enqueue, next, steadyCount, latencyRate);
      next += steadyCount;
      await smtp.waitFor(next, 60_000);
      // a moment for a late duplicate to show up
      await new Promise((r) => setTimeout(r, 500));
      const total = next;
      if (smtp.received !== total || smtp.duplicates() > 0)
        throw new Error(
          `${total} e-mails enqueued, ${smtp.received} delivered (${smtp.duplicates()} recipients got more than one)`,
        );
      const p99 = percentile(steadyMs, 99);

      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/insert-sql.ts', [
        tandem.databaseUrl,
        String(ctx.seconds),
        String(concurrency),
      ]);
      // the same messages to the same SMTP server by nodemailer alone through Tandem's transport, on
      // the server's core: the SMTP leg's own ceiling (numbered after Tandem's, all counted above)
      const rawSmtp = await runOnServerCore<{ perSecond: number }>('bench/baselines/smtp-raw.ts', [
        smtp.url,
        String(total),
        String(count),
      ]);
      ctx.log(
        `  ${count} e-mails committed at once: delivered at ${perSecond.toFixed(0)}/s; SMTP leg alone ${rawSmtp.perSecond.toFixed(0)}/s; raw INSERT ${raw.perSecond.toFixed(0)}/s; ` +
          `${count} flat out: enqueued in ${((enqueued - started) / 1000).toFixed(1)} s (p50 ${percentile(flatOutMs, 50).toFixed(2)} ms, p99 ${percentile(flatOutMs, 99).toFixed(2)} ms), delivered at ${flatOutPerSecond.toFixed(0)}/s; ` +
          `${steadyCount} at ${latencyRate}/s: enqueue p50 ${percentile(steadyMs, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
      );
      return [
        {
          metric: "notification e-mails delivered/s ÷ the SMTP leg (nodemailer alone, Tandem's pooled transport)",
          figure: perSecond,
          unit: '/s',
          baseline: rawSmtp.perSecond,
          ratio: ratioOf(perSecond, rawSmtp.perSecond),
          judged: 'ratio',
          target: { op: '>=', value: 0.8 },
        },
        {
          metric: 'notification e-mails delivered/s ÷ raw single-row INSERTs (reported)',
          figure: perSecond,
          unit: '/s',
          baseline: raw.perSecond,
          ratio: ratioOf(perSecond, raw.perSecond),
          judged: 'none',
          target: { op: '>=', value: 0.5 },
        },
        {
          metric: 'e-mails enqueued flat out from 8 transactions and delivered, per second (reported)',
          figure: flatOutPerSecond,
          unit: '/s',
          baseline: rawSmtp.perSecond,
          ratio: ratioOf(flatOutPerSecond, rawSmtp.perSecond),
          judged: 'none',
          target: { op: '>=', value: 0.8 },
        },
        {
          metric: `enqueueEmail p99 (inside a transaction) at ${latencyRate} e-mails/s`,
          figure: p99,
          unit: 'ms',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 5 },
        },
        {
          metric: 'enqueueEmail p99 while enqueuing flat out (reported)',
          figure: percentile(flatOutMs, 99),
          unit: 'ms',
          baseline: null,
          ratio: null,
          judged: 'none',
          target: { op: '<=', value: 5 },
        },
      ];
    } finally {
      await database.close();
      await tandem.close();
      await smtp.close();
    }
  },
};

import { sql } from 'drizzle-orm';
import { enqueueEmail } from '../../src/server/platform/mail/outbox.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { runOnServerCore } from '../lib/child.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { startSmtpSink } from '../lib/smtp-sink.js';
import { percentile } from '../lib/stats.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';

const concurrency = 8;

/**
 * P4 — notification e-mails: each enqueued as the product does (`enqueueEmail` inside a
 * transaction, from a pool like Tandem's), delivered by Tandem's delivery workers over SMTP to a
 * server in the bench process. Jobs completed per second (first enqueue to last delivery) ÷ raw
 * single-row INSERTs per second through the same kind of pool; and the enqueue call's p99.
 * Every message must arrive exactly once.
 */
export const notificationScenario: Scenario = {
  id: 'P4',
  title: 'notification e-mails delivered per second ÷ raw single-row INSERTs; enqueue p99',
  async run(ctx) {
    const count = ctx.smoke ? 50 : 500;
    const smtp = await startSmtpSink();
    const tandem = await tandemForBench(ctx, { SMTP_URL: smtp.url });
    const database = openDatabase(tandem.databaseUrl, { max: concurrency });
    try {
      const { db } = database;
      const accountId = (await db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`)).rows[0]!.id;
      const enqueueMs: number[] = [];
      let next = 0;
      const started = performance.now();
      const enqueuer = async () => {
        while (next < count) {
          const n = next++;
          await db.transaction(async (tx) => {
            const before = performance.now();
            await enqueueEmail(tx, {
              accountId,
              kind: 'bench',
              to: `recipient-${n}@example.test`,
              language: 'en',
              template: 'supportMail.answered',
              params: { name: `Customer ${n}`, technician: 'Alex', company: 'Bench', number: n, answer: 'Restart the router, then try again.' },
              action: { url: `https://tandem.example.test/follow/${n}` },
            });
            enqueueMs.push(performance.now() - before);
          });
        }
      };
      await Promise.all(Array.from({ length: concurrency }, enqueuer));
      const enqueued = performance.now();
      await smtp.waitFor(count, ctx.smoke ? 60_000 : 300_000);
      // a moment for a late duplicate to show up
      await new Promise((r) => setTimeout(r, 500));
      if (smtp.received !== count || smtp.duplicates() > 0) throw new Error(`${count} e-mails enqueued, ${smtp.received} delivered (${smtp.duplicates()} recipients got more than one)`);
      const perSecond = count / ((smtp.lastAt - started) / 1000);
      const p99 = percentile(enqueueMs, 99);

      const raw = await runOnServerCore<{ perSecond: number }>('bench/baselines/insert-sql.ts', [tandem.databaseUrl, String(ctx.seconds), String(concurrency)]);
      ctx.log(
        `  ${count} e-mails: enqueued in ${((enqueued - started) / 1000).toFixed(1)} s (enqueue p50 ${percentile(enqueueMs, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms), ` +
          `all delivered after ${((smtp.lastAt - started) / 1000).toFixed(1)} s: ${perSecond.toFixed(0)}/s; raw INSERT ${raw.perSecond.toFixed(0)}/s`,
      );
      return [
        { metric: 'notification e-mails delivered/s ÷ raw single-row INSERTs', figure: perSecond, unit: '/s', baseline: raw.perSecond, ratio: ratioOf(perSecond, raw.perSecond), judged: 'ratio', target: { op: '>=', value: 0.5 } },
        { metric: 'enqueueEmail p99 (inside a transaction)', figure: p99, unit: 'ms', baseline: null, ratio: null, judged: 'figure', target: { op: '<=', value: 5 } },
      ];
    } finally {
      await database.close();
      await tandem.close();
      await smtp.close();
    }
  },
};

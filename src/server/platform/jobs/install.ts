import PgBoss from 'pg-boss';
import type pg from 'pg';
import { jobSchema, queues } from './queues.js';

/**
 * Creates (or upgrades) pg-boss's schema and Tandem's queues, on the migrations' connection and
 * under their lock: any transaction can then write a job, whether or not its process works on jobs.
 */
export async function installJobSchema(client: pg.Client): Promise<void> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) },
    schema: jobSchema,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on('error', () => {});
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    if (!existing.has(queues.deliverDead)) await boss.createQueue(queues.deliverDead, { name: queues.deliverDead, retentionMinutes: 60 * 24 * 14 });
    if (!existing.has(queues.deliver)) await boss.createQueue(queues.deliver, { name: queues.deliver, deadLetter: queues.deliverDead, retryLimit: 3, retryDelay: 30 });
    for (const name of [queues.deliverSweep, queues.alertsTick, queues.reportsTick, queues.reportRun]) {
      if (!existing.has(name)) await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 30 });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

import PgBoss from 'pg-boss';
import type pg from 'pg';
import { jobSchema, queues, retiredQueues } from './queues.js';

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
    for (const name of Object.values(queues)) {
      if (!existing.has(name)) await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 30 });
    }
    // queues of earlier versions: their jobs and schedules go with them (in order: a queue before its dead-letter queue)
    for (const name of retiredQueues) {
      if (!existing.has(name)) continue;
      // pg-boss drops a queue's table after its row, which its jobs still reference
      await client.query(`delete from ${jobSchema}.job where name = $1`, [name]);
      await boss.deleteQueue(name);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

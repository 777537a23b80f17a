import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import { jobSchema, type QueueName } from './queues.js';

/** Turns pg-boss's `$1` placeholders into drizzle parameters, so a job is written with the caller's transaction. */
function toSql(text: string, values: unknown[] = []): SQL {
  // split with a capture group: text at even places, placeholder numbers at odd ones
  const chunks = text
    .split(/\$(\d+)/)
    .map((part, i): SQL => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
  return sql.join(chunks, sql.raw(''));
}

export function executorOf(q: Queryable) {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await q.execute(toSql(text, values));
      return { rows: result.rows };
    },
  };
}

// a pg-boss that never connects: it only writes jobs through the connection each call gives it
const writer = new PgBoss({
  db: { executeSql: () => Promise.reject(new Error('jobs are written through a transaction')) },
  schema: jobSchema,
});

export interface JobOptions {
  /** not before this time (quiet hours, a retry's backoff, a delay) */
  startAfter?: Date;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  singletonKey?: string;
  expireInSeconds?: number;
}

/**
 * Writes a job in the caller's transaction: it exists if and only if the change that causes it
 * commits. Workers (one pg-boss per process, see jobs.ts) run it exactly once across processes.
 */
export async function sendJob(q: Queryable, queue: QueueName, data: object, options: JobOptions = {}): Promise<string> {
  const id = await writer.send(queue, data, {
    ...options,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    db: executorOf(q),
  } as PgBoss.SendOptions);
  if (!id) throw new Error(`job queue ${queue} does not exist: migrations have not run`);
  return id;
}

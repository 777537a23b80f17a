import PgBoss from 'pg-boss';
import { jobSchema, type QueueName } from './queues.js';

export interface JobsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type JobHandler<T> = (data: T, job: { id: string }) => Promise<void>;

/**
 * The process's one pg-boss: works on the queues its modules register and keeps their cron
 * schedules (pg-boss runs each scheduled job once across processes). Jobs are written by
 * `sendJob` in the causing transaction, not through this instance.
 */
export class Jobs {
  readonly boss: PgBoss;
  private readonly workers = new Map<QueueName, string[]>();
  private started = false;

  constructor(private readonly options: { url: string; log: JobsLog; max?: number }) {
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: jobSchema,
      max: options.max ?? 4,
      application_name: 'tandem-jobs',
      migrate: false,
      maintenanceIntervalSeconds: 120,
    });
    this.boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Works on a queue: `handler` runs once per job; a throw retries the job as its queue says. */
  async work<T extends object>(
    queue: QueueName,
    handler: JobHandler<T>,
    { concurrency = 1, pollingIntervalSeconds = 1 } = {},
  ): Promise<void> {
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const worker: { id?: string } = {};
      worker.id = await this.boss.work<T>(queue, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        // pg-boss calls with the batch it fetched, one job here; an empty batch has nothing to do
        if (!job) return;
        try {
          await handler(job.data, { id: job.id });
        } catch (err) {
          this.options.log.warn({ err, queue, jobId: job.id }, 'job failed; pg-boss will retry it');
          throw err;
        } finally {
          // a worker that found a job looks for the next at once: a backlog drains at the speed of
          // the work, not one job per polling interval (pg-boss otherwise sleeps out the interval)
          if (worker.id) this.boss.notifyWorker(worker.id);
        }
      });
      ids.push(worker.id);
    }
    this.workers.set(queue, ids);
  }

  /** Runs `queue` on a cron schedule (UTC), once across every process. */
  async schedule(queue: QueueName, cron: string): Promise<void> {
    await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
  }

  /** Wakes this process's workers of `queue` now instead of at their next poll. */
  wake(queue: QueueName): void {
    for (const id of this.workers.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

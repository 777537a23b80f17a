import type { Db, Queryable } from '../../platform/db/pool.js';
import type { Jobs, JobsLog } from '../../platform/jobs/jobs.js';
import { queues } from '../../platform/jobs/queues.js';
import { sendJob } from '../../platform/jobs/send.js';
import { channels } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';
import type { NotifyHub } from '../../platform/realtime/notify-hub.js';
import { nextRunAfter, periodBefore } from './next-run.js';
import { executeRun } from './run.js';
import { insertScheduledRun, lockDueSchedules, setNextRunAt } from './run-repository.js';

/**
 * Queues the job of a run in the caller's transaction (it exists if and only if the run does), and
 * announces it so this process's workers start it at once.
 */
export async function queueRun(tx: Queryable, runId: string): Promise<void> {
  await sendJob(tx, queues.reportRun, { runId });
  await publish(tx, channels.reports, { runId });
}

/**
 * Takes the schedules due at `now`: each due row is locked (FOR UPDATE SKIP LOCKED, so two
 * processes never take the same one), gets its run for that due time (unique per schedule and
 * time, so even a repeat writes nothing) and its next due time, computed in its time zone after
 * `now` — a schedule that missed several times while Tandem was down runs once, not once per
 * miss. Returns the runs it queued.
 */
export async function takeDueSchedules(db: Db, now: Date, batch = 50): Promise<string[]> {
  const queued: string[] = [];
  for (;;) {
    const taken = await db.transaction(async (tx) => {
      const due = await lockDueSchedules(tx, now, batch);
      for (const s of due) {
        const dueAt = new Date(s.next_run_at);
        const period = periodBefore({ frequency: s.frequency }, dueAt);
        const runId = await insertScheduledRun(tx, {
          accountId: s.account_id,
          scheduleId: s.id,
          dueAt,
          periodStart: period.start,
          periodEnd: period.end,
        });
        const next = nextRunAfter(
          { frequency: s.frequency, weekday: s.weekday, monthDay: s.month_day, time: s.time, timeZone: s.time_zone },
          now > dueAt ? now : dueAt,
        );
        await setNextRunAt(tx, s.id, next);
        if (runId) {
          await queueRun(tx, runId);
          queued.push(runId);
        }
      }
      return due.length;
    });
    if (taken < batch) return queued;
  }
}

/**
 * Scheduled reports in this process: a tick every minute (pg-boss runs a cron job once across
 * processes; the row locks above make a second taker harmless anyway) and the workers of runs,
 * woken by NOTIFY on the reports channel.
 */
export async function startReportJobs({
  db,
  jobs,
  hub,
  log,
}: {
  db: Db;
  jobs: Jobs;
  hub: NotifyHub;
  log: JobsLog;
}): Promise<{ stop(): Promise<void> }> {
  await jobs.work<{ runId: string }>(queues.reportRun, (data) => executeRun(db, data.runId, { log }), {
    concurrency: 2,
    pollingIntervalSeconds: 2,
  });
  await jobs.work(queues.reportsTick, async () => {
    await takeDueSchedules(db, new Date());
  });
  await jobs.schedule(queues.reportsTick, '* * * * *');
  const unsubscribe = await hub.subscribe(channels.reports, () => jobs.wake(queues.reportRun));
  return {
    /** Stops the wake-ups; the run workers stop with the process's pg-boss (`Jobs.stop`). */
    async stop() {
      unsubscribe();
    },
  };
}

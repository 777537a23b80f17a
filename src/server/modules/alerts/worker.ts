import type { Config } from '../../config.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import type { Database } from '../../platform/db/pool.js';
import type { Jobs, JobsLog } from '../../platform/jobs/jobs.js';
import { queues } from '../../platform/jobs/queues.js';
import { channels } from '../../platform/realtime/channels.js';
import type { NotifyHub } from '../../platform/realtime/notify-hub.js';
import { concernsAlerts, fireDueConditions, processEvents } from './engine.js';

/**
 * Runs alert rules in this process: reads new domain events as soon as one that concerns them is
 * announced (and after a lost notification connection), and once a minute fires conditions whose delay ran out.
 * The event cursor and the conditions are locked, so several processes never alert twice.
 */
export async function startAlerts({
  database,
  jobs,
  hub,
  log,
  config,
}: {
  config: Config;
  database: Database;
  jobs: Jobs;
  hub: NotifyHub;
  log: JobsLog;
}) {
  const publicUrl = publicUrlOf(config);
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while ((await processEvents(database.db)) > 0);
      } while (again);
    })()
      .catch((err) => log.error({ err }, 'alert rules could not read events'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  await jobs.work(queues.alertsTick, async () => {
    await run();
    // a storm fires more conditions than one batch: on until none is due
    while ((await fireDueConditions(database.db, new Date(), { publicUrl })) > 0);
  });
  await jobs.schedule(queues.alertsTick, '* * * * *');
  // not awaited (a notice handler, and the start itself): run never rejects, it logs its failures
  // events that mean nothing to the rules are passed over with the next read (at the latest the minute's tick)
  const unsubscribe = await hub.subscribe(channels.events, (event) => {
    if (concernsAlerts(event.type)) void run();
  });
  const offReconnect = hub.onReconnect(() => void run());
  void run();
  return {
    run,
    /** Stops listening and waits for a read in progress. */
    async stop() {
      unsubscribe();
      offReconnect();
      await running;
    },
  };
}

import type { Db } from '../../platform/db/pool.js';
import { every, type Every, type EveryLog } from '../../platform/jobs/every.js';
import { announceFinished } from './announce.js';
import * as repo from './repository.js';

/**
 * Parts no agent will report any more become `unreachable` (one statement): not taken before their
 * run's wait ended (the device stayed offline), or taken and not reported within the script's
 * timeout and two minutes more (the agent went away while it ran). Each is announced as finished.
 */
export async function sweepScriptRuns(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await repo.expireResults(tx, now);
    await announceFinished(
      tx,
      rows.map((r) => ({
        id: r.id,
        runId: r.run_id,
        accountId: r.account_id,
        companyId: r.company_id,
        deviceId: r.device_id,
        status: 'unreachable',
      })),
    );
    return rows.length;
  });
}

export function startScriptSweep({ db, log, everyMs = 15_000 }: { db: Db; log: EveryLog; everyMs?: number }): Every {
  return every(everyMs, () => sweepScriptRuns(db), { name: 'script runs sweep', log });
}

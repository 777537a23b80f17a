import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/pool.js';
import { every, type Every, type EveryLog } from '../../platform/jobs/every.js';
import { applyRecordingRetention } from './recording-retention.js';
import { finishAbandonedRecordings } from './recording-service.js';
import { sweepSessions } from './sweeps.js';

/**
 * The sessions' background work, each loop never twice at once: codes that ran out become
 * `expired`, stale signals and old code failures are removed, recordings left open by a page closed
 * before the end are finished with what arrived, recordings past their company's
 * `sessions.recordingRetentionDays` are deleted.
 */
export function startSessionJobs({
  db,
  log,
  sweepEveryMs = 30_000,
}: {
  db: Db;
  config: Config;
  log: EveryLog;
  sweepEveryMs?: number;
}): Every {
  const loops = [
    every(sweepEveryMs, () => sweepSessions(db), { name: 'sessions sweep', log }),
    every(sweepEveryMs, () => finishAbandonedRecordings(db), { name: 'abandoned recordings', log }),
    every(10 * 60_000, () => applyRecordingRetention(db), { name: 'recordings retention', log }),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}

import type { Logger } from 'pino';
import { definitionOf } from '../../../shared/settings.js';
import type { Db } from '../../platform/db/pool.js';
import { every, type Every } from '../../platform/jobs/every.js';
import { loadSettings } from '../settings/index.js';
import { accountsWithIdleSessions, deleteExpiredSessions } from './session-repository.js';
import { forgetStaleSignInRecords } from './throttle-repository.js';

const idleSetting = definitionOf('security.sessionIdleMinutes')!;
/** no account's sessions end sooner than this when unused: sessions idle for less are never looked at */
const shortestIdleMinutes = idleSetting.input.kind === 'number' ? idleSetting.input.min : 5;

/**
 * Deletes the sessions that ended without signing out: past their absolute expiry (12 hours; a
 * sign-in waiting for its second factor after 5 minutes), and those unused for longer than their
 * account's `security.sessionIdleMinutes` (read through the settings resolver). Such sessions can
 * no longer be used (authentication refuses them); this only removes their rows. Batches of
 * `batchSize` rows, each one statement that skips rows locked by another process, so several
 * processes sweeping at once neither wait for each other nor fail. Returns how many were deleted.
 */
export async function sweepExpiredSessions(
  db: Db,
  { batchSize = 1_000 }: { batchSize?: number } = {},
): Promise<number> {
  let total = 0;
  const drain = async (idle?: { accountId: string; minutes: number }) => {
    for (;;) {
      const deleted = await deleteExpiredSessions(db, { idle, limit: batchSize });
      total += deleted;
      if (deleted < batchSize) return;
    }
  };
  await drain();
  for (const accountId of await accountsWithIdleSessions(db, shortestIdleMinutes)) {
    const minutes = (await loadSettings(db, accountId)).get('security.sessionIdleMinutes');
    await drain({ accountId, minutes });
  }
  return total;
}

/**
 * Runs the sweep every `everyMs` in this process (every process runs one), at once and then
 * periodically, with the sign-in throttle's stale records; `stop` waits for a sweep in progress.
 */
export function startSessionSweep({
  db,
  log,
  everyMs = 10 * 60_000,
}: {
  db: Db;
  log: Logger;
  everyMs?: number;
}): Every {
  return every(
    everyMs,
    async () => {
      const [n] = await Promise.all([sweepExpiredSessions(db), forgetStaleSignInRecords(db)]);
      if (n > 0) log.info({ sessions: n }, 'expired sessions deleted');
    },
    { name: 'session sweep', log, immediately: true },
  );
}

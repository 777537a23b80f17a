import { limits } from '../../../shared/limits.js';
import type { Db } from '../../platform/db/pool.js';
import { announceSession } from './announce.js';
import * as repo from './repository.js';
import { recordSessionEvent } from './timeline.js';

/** How long a stored WebRTC signal is of use: a peer that has not read it by then has reconnected. */
export const signalMaxAgeMs = 60_000;
const expiredPerRun = 500;

/**
 * Waiting sessions whose code ran out become `expired` (outcome `expired`, timeline, notice; no
 * `session.ended`: it never started);
 * each is taken by one sweep only, in any process (rows locked and skipped by the others).
 */
export async function expireWaitingSessions(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await repo.lockExpiredWaiting(tx, now, expiredPerRun);
    for (const row of due) {
      await repo.updateSession(tx, row.accountId, row.id, { status: 'expired', outcome: 'expired', endedAt: now });
      await recordSessionEvent(tx, { sessionId: row.id, type: 'expired', side: 'system' });
      await announceSession(tx, { accountId: row.accountId, companyId: row.companyId, sessionId: row.id });
    }
    return due.length;
  });
}

/** Signals older than a minute and wrong-code records older than the throttle's window are removed. */
export async function removeStaleSessionRows(
  db: Db,
  now = new Date(),
): Promise<{ signals: number; codeFailures: number }> {
  return {
    signals: await repo.deleteSignalsBefore(db, new Date(now.getTime() - signalMaxAgeMs)),
    codeFailures: await repo.deleteCodeFailuresBefore(
      db,
      new Date(now.getTime() - limits.sessionCodeWindowMinutes * 60_000),
    ),
  };
}

/** One run of the sessions sweep. */
export async function sweepSessions(db: Db, now = new Date()) {
  return { expired: await expireWaitingSessions(db, now), ...(await removeStaleSessionRows(db, now)) };
}

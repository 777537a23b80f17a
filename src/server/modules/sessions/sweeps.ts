import { limits } from '../../../shared/limits.js';
import type { Db } from '../../platform/db/pool.js';
import { announceSessions } from './announce.js';
import * as repo from './repository.js';
import { recordSessionEvents } from './timeline.js';

/** How long a stored WebRTC signal is of use: a peer that has not read it by then has reconnected. */
export const signalMaxAgeMs = 60_000;
const expiredPerRun = 500;

/**
 * Waiting sessions whose code ran out become `expired` (outcome `expired`, timeline, notice; no
 * `session.ended`: it never started); each is taken by one sweep only, in any process (rows
 * locked and skipped by the others), a run's sessions changed, timed and announced in three
 * statements however many they are.
 */
export async function expireWaitingSessions(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await repo.expireWaiting(tx, now, expiredPerRun);
    await recordSessionEvents(
      tx,
      expired.map((row) => ({ sessionId: row.id, type: 'expired', side: 'system' })),
    );
    await announceSessions(
      tx,
      expired.map((row) => ({ accountId: row.accountId, companyId: row.companyId, sessionId: row.id })),
    );
    return expired.length;
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

import type { QueueState } from '../../../shared/contracts/support-requests.js';
import type { Queryable } from '../../platform/db/pool.js';
import { countAvailable } from '../presence/index.js';
import * as repo from './repository.js';

/** What an accept takes when the company has no history yet. */
export const defaultAcceptSeconds = 60;

/**
 * Positions and estimated waits of a company's live queue, computed from the database alone so
 * that every process tells every customer the same. Position n is taken in round
 * ceil(n / available technicians); a round lasts the company's recent average time to accept,
 * and the current round has been running since the head of the queue arrived (at most a whole
 * round): so the estimate falls as time passes, not only when the queue moves.
 */
export async function queueStates(
  db: Queryable,
  accountId: string,
  companyId: string,
  now: Date,
): Promise<Map<string, QueueState>> {
  const waiting = await repo.waitingOf(db, accountId, companyId);
  const states = new Map<string, QueueState>();
  if (waiting.length === 0) return states;
  const [available, average] = await Promise.all([
    countAvailable(db, accountId, companyId, now),
    repo.averageAcceptSeconds(db, accountId, companyId),
  ]);
  const perAccept = Math.max(5, Math.round(average ?? defaultAcceptSeconds));
  const headWaited = Math.max(0, Math.floor((now.getTime() - waiting[0]!.createdAt.getTime()) / 1000));
  const elapsed = Math.min(perAccept, headWaited);
  waiting.forEach((w, i) => {
    const position = i + 1;
    const rounds = Math.ceil(position / Math.max(1, available));
    states.set(w.id, { position, estimatedWaitSeconds: Math.max(0, rounds * perAccept - elapsed) });
  });
  return states;
}

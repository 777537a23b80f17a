import type { QueueState } from '../../../shared/contracts/support-requests.js';
import type { Queryable } from '../../platform/db/pool.js';
import { countAvailable } from '../presence/repository.js';
import * as repo from './repository.js';

/** What an accept takes when the company has no history yet. */
export const defaultAcceptSeconds = 60;

/**
 * Positions and estimated waits of a company's live queue, computed from the database alone so
 * that every process tells every customer the same: position n waits about
 * ceil(n / available technicians) × the company's recent average time to accept.
 */
export async function queueStates(db: Queryable, accountId: string, companyId: string, now: Date): Promise<Map<string, QueueState>> {
  const waiting = await repo.waitingOf(db, accountId, companyId);
  const states = new Map<string, QueueState>();
  if (waiting.length === 0) return states;
  const [available, average] = await Promise.all([countAvailable(db, accountId, companyId, now), repo.averageAcceptSeconds(db, accountId, companyId)]);
  const perAccept = Math.max(5, Math.round(average ?? defaultAcceptSeconds));
  waiting.forEach((w, i) => {
    const position = i + 1;
    states.set(w.id, { position, estimatedWaitSeconds: Math.ceil(position / Math.max(1, available)) * perAccept });
  });
  return states;
}

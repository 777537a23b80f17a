import type { CustomerSession } from '../../../shared/contracts/sessions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { namesOf } from './join-repository.js';
import type { SessionRow } from './repository.js';

/** What the customer sees of a session: who owns it, who may watch, whether it is recorded. */
export async function customerView(db: Queryable, session: SessionRow): Promise<CustomerSession> {
  const names = await namesOf(db, session);
  return {
    sessionId: session.id,
    status: session.status,
    companyName: names.companyName,
    technicianName: names.technicianName,
    watching: [names.technicianName, ...names.watcherNames],
    recorded: session.recorded,
    consented: session.startedAt !== null,
    sharing: session.sharing,
    requestId: session.requestId ?? '',
  };
}

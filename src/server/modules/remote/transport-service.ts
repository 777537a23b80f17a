import type { Db } from '../../platform/db/pool.js';
import { announceSession, findSessionById, recordSessionEvent } from '../sessions/index.js';
import type { AgentSession } from './transport-repository.js';

/**
 * The agent's session socket came (`device_connected`) or went (`device_disconnected`, while the
 * session is still active): on the timeline, announced so the console follows.
 */
export async function recordDeviceLink(db: Db, session: AgentSession, connected: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const now = await findSessionById(tx, session.id);
    if (!now || now.status !== 'active') return;
    await recordSessionEvent(tx, {
      sessionId: session.id,
      type: connected ? 'device_connected' : 'device_disconnected',
      side: 'customer',
    });
    await announceSession(tx, { accountId: session.accountId, companyId: session.companyId, sessionId: session.id });
  });
}

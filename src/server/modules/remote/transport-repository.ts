import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { devices } from '../devices/tables.js';
import { supportSessions } from '../sessions/tables.js';

export interface AgentSession {
  id: string;
  accountId: string;
  companyId: string;
  deviceId: string;
}

/**
 * The device session `sessionId` if the device holding this credential (not revoked) serves it and
 * it is active: what the agent's session and relay sockets may open. One statement.
 */
export async function findAgentSession(
  db: Queryable,
  sessionId: string,
  credentialHash: string,
): Promise<AgentSession | null> {
  const result = await db.execute<{ id: string; account_id: string; company_id: string; device_id: string }>(sql`
    select s.id, s.account_id, s.company_id, s.device_id
    from ${supportSessions} s join ${devices} d on d.id = s.device_id
    where s.id = ${sessionId} and s.kind = 'device' and s.status = 'active'
      and d.credential_hash = ${credentialHash} and d.revoked_at is null`);
  const row = result.rows[0];
  return row ? { id: row.id, accountId: row.account_id, companyId: row.company_id, deviceId: row.device_id } : null;
}

import type { SessionOutcome } from '../../../shared/contracts/sessions.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import {
  announceSession,
  openStatuses,
  recordSessionEnded,
  recordSessionEvent,
  updateSession,
  type SessionRow,
} from '../sessions/index.js';
import { inArray } from 'drizzle-orm';
import { supportSessions } from '../sessions/tables.js';
import { openSessionOfDevice } from './repository.js';

/** The context of what a device's agent or the server does by itself: audited as the system, tagged. */
export const agentContext = (tag: string): RequestContext => ({ actor: null, ip: null, requestId: tag, system: true });

/** A device was revoked (in the revocation's transaction): its open session ends at once. */
export async function endSessionOfRevokedDevice(tx: Queryable, ctx: RequestContext, deviceId: string): Promise<void> {
  const open = await openSessionOfDevice(tx, deviceId);
  if (open) await endDeviceSession(tx, ctx, open, 'unknown', { reason: 'device_revoked' });
}

/**
 * Ends an open device session by the server's decision or the device's (refused consent, the agent
 * ended it, its agent gone): status `ended` with `outcome`, its timeline entry (`declined` for a
 * refusal, `ended` otherwise), `session.ended` when it had started, an audit row, a notice (which
 * tells the agent `session.close` wherever its socket is). False when it was no longer open.
 */
export async function endDeviceSession(
  tx: Queryable,
  ctx: RequestContext,
  row: SessionRow,
  outcome: SessionOutcome,
  why: Record<string, unknown>,
): Promise<boolean> {
  const endedAt = new Date();
  const ended = await updateSession(
    tx,
    row.accountId,
    row.id,
    { status: 'ended', outcome, endedAt, sharing: false },
    inArray(supportSessions.status, [...openStatuses]),
  );
  if (!ended) return false;
  await recordSessionEvent(tx, {
    sessionId: row.id,
    type: outcome === 'refused' ? 'declined' : 'ended',
    side: 'system',
    data: { outcome, ...why },
  });
  await recordSessionEnded(tx, { ...row, customerName: row.customerName }, outcome, endedAt);
  await recordAudit(tx, ctx, {
    accountId: row.accountId,
    action: outcome === 'refused' ? 'session.device_refused' : 'session.device_end',
    objectType: 'session',
    objectId: row.id,
    before: { status: row.status },
    after: { status: 'ended', outcome, deviceId: row.deviceId, ...why },
  });
  await announceSession(tx, { accountId: row.accountId, companyId: row.companyId, sessionId: row.id });
  return true;
}

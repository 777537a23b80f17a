import type { Queryable } from '../../platform/db/pool.js';
import { recordEvent } from '../../platform/events/record.js';

interface StartedSession {
  id: string;
  accountId: string;
  companyId: string;
  technicianId: string;
  customerName: string | null;
}

const payloadOf = (s: StartedSession) => ({
  sessionId: s.id,
  technicianId: s.technicianId,
  // the alert texts name the session by its customer
  customerName: s.customerName ?? '',
});

/** `session.started`: the customer consented, in the transaction that records it. */
export async function recordSessionStarted(tx: Queryable, session: StartedSession): Promise<void> {
  await recordEvent(tx, {
    accountId: session.accountId,
    companyId: session.companyId,
    type: 'session.started',
    subjectId: session.id,
    payload: payloadOf(session),
  });
}

/**
 * `session.ended`, for a session that started: a code never entered, or a consent declined, is
 * not a support session that ended (its timeline says what happened), so alert rules on ended
 * sessions hear only of sessions that took place.
 */
export async function recordSessionEnded(
  tx: Queryable,
  session: StartedSession & { startedAt: Date | null },
  outcome: string,
  endedAt: Date,
): Promise<void> {
  if (!session.startedAt) return;
  await recordEvent(tx, {
    accountId: session.accountId,
    companyId: session.companyId,
    type: 'session.ended',
    subjectId: session.id,
    payload: {
      ...payloadOf(session),
      outcome,
      durationSeconds: Math.max(0, Math.round((endedAt.getTime() - session.startedAt.getTime()) / 1000)),
    },
  });
}

import type { CustomerSession } from '../../../shared/contracts/sessions.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict } from '../../platform/http/app-error.js';
import { visitorSession } from './access.js';
import { announceSession } from './announce.js';
import { updateSessionFrom } from './join-repository.js';
import type { SessionRow } from './repository.js';
import { customerView } from './join-view.js';
import { recordSessionEnded, recordSessionStarted } from './session-events.js';
import { recordSessionEvent } from './timeline.js';

/**
 * What the customer does with a session, each checked by the chat's visitor token (any mismatch:
 * 404) and made by one conditional UPDATE, so a change racing another (the technician ending it)
 * is refused with 409 rather than undone. Each change is on the timeline and announced.
 */

const announce = (tx: Queryable, s: SessionRow) =>
  announceSession(tx, { accountId: s.accountId, companyId: s.companyId, sessionId: s.id });

async function ended(tx: Queryable, session: SessionRow, now: Date): Promise<void> {
  await recordSessionEvent(tx, {
    sessionId: session.id,
    type: 'ended',
    side: 'customer',
    data: { outcome: 'customer_left' },
  });
  await recordSessionEnded(tx, session, 'customer_left', now);
}

/**
 * Consent (`active`, `session.started`) or refusal (`declined`, the session ends: `customer_left`),
 * from a session the customer joined with a code, or one a technician started from their chat
 * (still `waiting`: consenting is when its customer joins it).
 */
export async function consent(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
  given: boolean,
  now = new Date(),
): Promise<CustomerSession> {
  return db.transaction(async (tx) => {
    const { session } = await visitorSession(tx, slug, id, token);
    // a session escalated from a chat waits until its customer opens it: agreeing is joining
    const opening = session.status === 'waiting';
    const changed =
      opening || session.status === 'joined'
        ? await updateSessionFrom(
            tx,
            id,
            [session.status],
            given
              ? { status: 'active', startedAt: now, ...(opening && { joinedAt: now }) }
              : { status: 'ended', outcome: 'customer_left', endedAt: now },
          )
        : null;
    if (!changed) throw conflict('This session is not waiting for your consent.');
    if (opening && given)
      await recordSessionEvent(tx, { sessionId: id, type: 'joined', side: 'customer', data: { via: 'chat' } });
    await recordSessionEvent(tx, { sessionId: id, type: given ? 'consented' : 'declined', side: 'customer' });
    if (given) await recordSessionStarted(tx, changed);
    else await ended(tx, changed, now);
    await announce(tx, changed);
    return customerView(tx, changed);
  });
}

/** The customer started or stopped sharing their screen (only while the session is active). */
export async function setSharing(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
  sharing: boolean,
): Promise<CustomerSession> {
  return db.transaction(async (tx) => {
    const { session } = await visitorSession(tx, slug, id, token);
    if (session.status !== 'active') throw conflict('Share your screen once you have agreed to the session.');
    if (session.sharing === sharing) return customerView(tx, session);
    const changed = await updateSessionFrom(tx, id, ['active'], { sharing });
    if (!changed) throw conflict('This session is over.');
    await recordSessionEvent(tx, {
      sessionId: id,
      type: sharing ? 'sharing_started' : 'sharing_stopped',
      side: 'customer',
    });
    await announce(tx, changed);
    return customerView(tx, changed);
  });
}

/**
 * The customer ends the session (outcome `customer_left`), before consenting too (a session from
 * their chat still `waiting`); leaving one already over changes nothing.
 */
export async function leave(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
  now = new Date(),
): Promise<CustomerSession> {
  return db.transaction(async (tx) => {
    const { session } = await visitorSession(tx, slug, id, token);
    const changed = await updateSessionFrom(tx, id, ['waiting', 'joined', 'active'], {
      status: 'ended',
      outcome: 'customer_left',
      endedAt: now,
      sharing: false,
    });
    if (!changed) return customerView(tx, session);
    await ended(tx, changed, now);
    await announce(tx, changed);
    return customerView(tx, changed);
  });
}

import { roleCan } from '../../../shared/permissions.js';
import { canSee } from '../../platform/access.js';
import type { Actor } from '../../platform/authz.js';
import { safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import type { Queryable } from '../../platform/db/pool.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { findPortalBySlug, type PortalWithCompany } from '../portals/index.js';
import { findRequest } from '../requests/index.js';
import { userSeats } from '../seats/index.js';
import { findSessionById, isWatcher, type SessionRow } from './repository.js';

const notFoundSession = () => notFound('This session');

/**
 * Who may watch a session live, the one rule of REST (ICE servers) and of the live socket (every
 * `session.*` frame, every push): a technician of the session's account with access to its company
 * who owns it or was invited to watch (else 404, as a missing one), holding a Remote Support seat
 * (else 403 `seat_required`), while it is `joined` or `active` (else 409: over, or not joined yet).
 */
export async function watchableSession(db: Queryable, actor: Actor, sessionId: string): Promise<SessionRow> {
  const session = await findSessionById(db, sessionId);
  if (!session || !canSee(actor, session) || !roleCan(actor.role, 'sessions.run')) throw notFoundSession();
  if (session.technicianId !== actor.userId && !(await isWatcher(db, session.id, actor.userId)))
    throw notFoundSession();
  const seats = (await userSeats(db, actor.accountId, [actor.userId])).get(actor.userId) ?? [];
  if (!seats.includes('remoteSupport'))
    throw new AppError('forbidden', 'You need a Remote Support seat to watch a session. Ask an administrator.', {
      reason: 'seat_required',
      module: 'remoteSupport',
    });
  if (session.status !== 'joined' && session.status !== 'active')
    throw conflict(
      session.status === 'waiting' ? 'The customer has not joined this session yet.' : 'This session is over.',
    );
  return session;
}

export interface VisitorSession {
  session: SessionRow;
  portal: PortalWithCompany;
}

/**
 * The customer's way into a session: the portal's address, the session, and the visitor token of
 * the session's chat. Any of them wrong answers the same 404. The portal may be disabled: a
 * customer who joined on the account's join page continues there (a disabled portal takes no new
 * requests, but a session a technician gave a code for still runs).
 */
export async function visitorSession(
  db: Queryable,
  slug: string,
  sessionId: string,
  token: string | undefined,
): Promise<VisitorSession> {
  const portal = await findPortalBySlug(db, slug);
  const session = portal ? await findSessionById(db, sessionId) : null;
  if (!portal || !session || session.companyId !== portal.companyId || !session.requestId || !token)
    throw notFoundSession();
  const request = await findRequest(db, session.accountId, session.requestId);
  if (!request || !safeEqual(sha256(token), request.visitorTokenHash)) throw notFoundSession();
  return { session, portal };
}

import type { z } from 'zod';
import type { joinSessionBody } from '../../../shared/contracts/sessions.js';
import { limits } from '../../../shared/limits.js';
import { randomSecret, safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, fieldError, notFound } from '../../platform/http/app-error.js';
import { findPortalBySlug, findPortalOfCompany, portalContext, type PortalWithCompany } from '../portals/index.js';
import { findRequest, insertRequest, nextNumber } from '../requests/index.js';
import { announceSession } from './announce.js';
import * as repo from './join-repository.js';
import type { SessionRow } from './repository.js';
import { recordSessionEvent } from './timeline.js';

export type JoinBody = z.infer<typeof joinSessionBody>;

export interface Joined {
  sessionId: string;
  visitorToken: string;
  requestId: string;
  slug: string;
}

/** Unknown, used or expired codes, another company's, an unknown portal: all the same answer. */
const noSuchCode = () =>
  new AppError(
    'not_found',
    'This code does not exist, was already used or has expired. Ask your technician for a new one.',
  );

const throttled = () =>
  new AppError(
    'rate_limited',
    `Too many wrong codes from your network: wait ${limits.sessionCodeWindowMinutes} minutes before trying again.`,
    undefined,
    { 'retry-after': String(limits.sessionCodeWindowMinutes * 60) },
  );

type Outcome = { kind: 'joined'; joined: Joined } | { kind: 'wrong' } | { kind: 'throttled' };

/**
 * A customer enters a session's code: on a company's portal (`slug`: the code must be of that
 * company) or on the account's join page (`slug` null: codes are unique among waiting sessions of
 * the whole server). In one transaction: the address's wrong codes are counted under a lock held
 * until commit (every portal and the join page together) and over the limit the code is not even
 * looked up; the code is spent by one conditional UPDATE; a session without a chat gets one, a live
 * chat already taken by the session's technician, whose fresh visitor token is the customer's.
 * A wrong code is recorded in the same transaction, which then commits; the 404 follows.
 */
export async function joinByCode(
  db: Db,
  slug: string | null,
  body: JoinBody,
  address: string,
  now = new Date(),
): Promise<Joined> {
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    await repo.lockAddressFailures(tx, address);
    const since = new Date(now.getTime() - limits.sessionCodeWindowMinutes * 60_000);
    if ((await repo.recentFailures(tx, address, since)) >= limits.sessionCodeFailuresPerAddress)
      return { kind: 'throttled' };
    const portal = slug === null ? null : await findPortalBySlug(tx, slug);
    const session =
      slug !== null && !portal?.enabled
        ? null
        : await repo.claimCode(tx, sha256(body.code), portal?.companyId ?? null, body.name ?? null, now);
    if (!session || session.requestId !== null) {
      await repo.insertFailure(tx, address, now);
      return { kind: 'wrong' };
    }
    const companyPortal = portal ?? (await findPortalOfCompany(tx, session.accountId, session.companyId));
    if (!companyPortal) throw noSuchCode();
    const joined = await openChat(tx, session, companyPortal, body, now);
    await recordSessionEvent(tx, {
      sessionId: session.id,
      type: 'joined',
      side: 'customer',
      data: { via: slug === null ? 'join_page' : 'portal' },
    });
    await announceSession(tx, { accountId: session.accountId, companyId: session.companyId, sessionId: session.id });
    return { kind: 'joined', joined };
  });
  if (outcome.kind === 'throttled') throw throttled();
  if (outcome.kind === 'wrong') throw noSuchCode();
  return outcome.joined;
}

/** The session's chat: a live request already taken by its technician; its visitor token is the customer's. */
async function openChat(
  tx: Queryable,
  session: SessionRow,
  portal: PortalWithCompany,
  body: JoinBody,
  now: Date,
): Promise<Joined> {
  if (!body.name) throw fieldError('name', 'required', 'Your name: the technician sees it');
  const visitorToken = randomSecret();
  const language = body.language ?? (await portalContext(tx, portal)).language;
  const request = await insertRequest(tx, {
    accountId: session.accountId,
    companyId: session.companyId,
    portalId: portal.id,
    number: await nextNumber(tx, session.accountId),
    status: 'active',
    kind: 'chat',
    customerName: body.name,
    customerEmail: '',
    question: '',
    language,
    visitorTokenHash: sha256(visitorToken),
    assigneeId: session.technicianId,
    acceptedAt: now,
    createdAt: now,
  });
  await repo.setSessionRequest(tx, session.id, request.id);
  return { sessionId: session.id, visitorToken, requestId: request.id, slug: portal.slug };
}

/**
 * The session a technician started from a chat, found by the chat's customer with its visitor
 * token (the chat page asks when it opens and at each line the server writes). Finding it changes
 * nothing: the session becomes `joined` when the customer answers its consent step. A wrong
 * portal, request or token, or no session open for the chat, answer the same 404.
 */
export async function escalatedSession(
  db: Queryable,
  slug: string,
  requestId: string,
  token: string | undefined,
): Promise<Joined> {
  const missing = () => notFound('This session');
  const portal = await findPortalBySlug(db, slug);
  if (!portal?.enabled || !token) throw missing();
  const request = await findRequest(db, portal.accountId, requestId);
  if (!request || request.portalId !== portal.id || !safeEqual(sha256(token), request.visitorTokenHash))
    throw missing();
  const open = await repo.openSessionOfRequest(db, request.id);
  if (!open) throw missing();
  return { sessionId: open.id, visitorToken: token, requestId: request.id, slug: portal.slug };
}

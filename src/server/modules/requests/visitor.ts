import type { ChatMessage, VisitorRequest } from '../../../shared/contracts/support-requests.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { enabledPortal, portalContext, sharedReads, type PortalContext } from '../portals/index.js';
import type { PortalWithCompany } from '../portals/index.js';
import { appendMessage, loadMessages, presentOne } from './messages.js';
import { announceChat } from './announce.js';
import { appendCustomerMessageAtOnce } from './customer-message-at-once.js';
import { attachmentUrl, presentMessage, presentVisitorRequest } from './presenter.js';
import { queueStates } from './queue.js';
import * as repo from './repository.js';

const notFoundRequest = () => notFound('This request');

export interface VisitorAccess {
  portal: PortalWithCompany;
  request: repo.VisitorRequestRow;
}

/** Whether a token is the request's visitor token or one of the follow tokens e-mailed to the customer. */
export function tokenMatches(
  request: Pick<repo.RequestRow, 'visitorTokenHash' | 'followTokenHash' | 'earlierFollowTokenHashes'>,
  token: string | undefined,
): boolean {
  if (!token) return false;
  const hash = sha256(token);
  const follow = [request.followTokenHash, ...request.earlierFollowTokenHashes].filter((h): h is string => h !== null);
  // every comparison is made, so the time taken does not tell which one matched
  return [request.visitorTokenHash, ...follow].map((h) => safeEqual(hash, h)).includes(true);
}

/**
 * The customer's way in: an enabled portal, one of its requests, and its token. Any of them
 * wrong answers the same 404, so a guessed id reveals nothing.
 */
export async function visitorAccess(
  db: Queryable,
  slug: string,
  id: string,
  token: string | undefined,
  { forUpdate = false } = {},
): Promise<VisitorAccess> {
  return checkVisitorAccess(db, enabledPortal(db, slug), id, token, forUpdate);
}

/** `visitorAccess` for a customer's socket: the portal read is shared with sockets connecting at the same moment. */
export function socketVisitorAccess(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
): Promise<VisitorAccess> {
  return checkVisitorAccess(db, sharedReads.enabledPortal(db, slug), id, token, false);
}

async function checkVisitorAccess(
  db: Queryable,
  portalRead: Promise<PortalWithCompany>,
  id: string,
  token: string | undefined,
  forUpdate: boolean,
): Promise<VisitorAccess> {
  // an unknown or closed portal reads as an unknown request; a database that cannot answer now
  // (a reconnect storm waiting on the pool) is not "this request does not exist"
  const portal = await portalRead.catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found' ? notFoundRequest() : err;
  });
  const request = await repo.findRequestForVisitor(db, id, portal.id, { forUpdate });
  if (!request || !tokenMatches(request, token)) throw notFoundRequest();
  return { portal, request };
}

/** The customer's address of a request's attachment (the portal's address, the request). */
export const visitorUrl = (slug: string, requestId: string) => (attachmentId: string) =>
  attachmentUrl('visitor', { id: requestId }, attachmentId, slug);

export async function visitorView(
  db: Queryable,
  access: VisitorAccess,
  now = new Date(),
  ctx?: PortalContext,
): Promise<VisitorRequest> {
  const { request } = access;
  ctx ??= await portalContext(db, access.portal);
  const queue =
    request.status === 'waiting'
      ? ((await queueStates(db, request.accountId, request.companyId, now)).get(request.id) ?? null)
      : null;
  return presentVisitorRequest(request, request.assigneeName, queue, ctx.offlineMessage);
}

export async function visitorMessages(
  db: Queryable,
  access: VisitorAccess,
  afterSeq: number,
  limit: number,
): Promise<{ items: ChatMessage[]; lastSeq: number }> {
  return {
    items: await loadMessages(
      db,
      access.request.id,
      afterSeq,
      limit,
      visitorUrl(access.portal.slug, access.request.id),
    ),
    lastSeq: access.request.lastSeq,
  };
}

/**
 * A customer's message, stored before it is acknowledged. A reply to an answered question puts
 * it back among the questions awaiting an answer. A closed request takes no more messages.
 */
export async function visitorSend(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
  content: { clientId: string; body: string; attachmentId?: string },
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  // the usual message in one statement; anything else (an attachment, a resend, a closed or
  // answered request, a wrong token) takes the careful path below, which says what is wrong
  if (token && !content.attachmentId) {
    const stored = await appendCustomerMessageAtOnce(db, {
      slug,
      requestId: id,
      tokenHash: sha256(token),
      clientId: content.clientId,
      body: content.body,
    });
    if (stored) return { message: presentMessage(stored, undefined, visitorUrl(slug, id)), duplicate: false };
  }
  return db.transaction(async (tx) => {
    // the request row is locked as it is found: messages take their seq under that lock
    const access = await visitorAccess(tx, slug, id, token, { forUpdate: true });
    const { request } = access;
    // a closed request still answers a resend of what it stored before closing (appendMessage
    // finds it by clientId); anything new is refused
    if (
      request.status === 'closed' &&
      !(await repo.findMessageByClientId(tx, request.id, 'customer', content.clientId))
    ) {
      throw conflict('This conversation is closed.', { reason: 'closed' });
    }
    const change = {
      accountId: request.accountId,
      companyId: request.companyId,
      requestId: request.id,
      change: 'message',
      takenBy: null,
    } as const;
    const { message, duplicate } = await appendMessage(
      tx,
      request,
      { type: 'customer', name: request.customerName },
      content,
      change,
    );
    if (!duplicate && request.status === 'answered')
      await repo.updateRequest(tx, request.accountId, request.id, { status: 'offline' });
    return { message: await presentOne(tx, message, visitorUrl(access.portal.slug, request.id)), duplicate };
  });
}

/** The customer has read up to `seq` (at most the last message; never goes back). */
export async function visitorRead(db: Db, requestId: string, seq: number): Promise<void> {
  await db.transaction(async (tx) => {
    const done = await repo.markReadUpTo(tx, requestId, 'customer', seq);
    if (done !== null) await announceChat(tx, { requestId, event: 'read', side: 'customer', seq: done });
  });
}

export function assertAttachmentsAllowed(ctx: PortalContext): void {
  if (!ctx.allowAttachments)
    throw new AppError('forbidden', 'This portal does not accept attachments.', { reason: 'attachments_disabled' });
}

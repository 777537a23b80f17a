import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  answerBody,
  ChatMessage,
  closeBody,
  RequestView,
  SupportRequestDetail,
} from '../../../shared/contracts/support-requests.js';
import type { Module } from '../../../shared/licence.js';
import type { Language } from '../../../shared/locales.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import type { Config } from '../../config.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { recordEvent } from '../../platform/events/record.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { enqueueEmail } from '../../platform/mail/outbox.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { requireCompany } from '../companies/index.js';
import { presenceOf } from '../presence/index.js';
import { findPortalOfCompany } from '../portals/index.js';
import { userSeats } from '../seats/index.js';
import { supportRequests } from './tables.js';
import { appendMessage, loadMessages, presentOne } from './messages.js';
import { announceChange, announceChat } from './announce.js';
import { followUrl, systemLine } from './offline.js';
import { attachmentUrl, presentRequest, presentRequestDetail } from './presenter.js';
import { queueStates } from './queue.js';
import * as repo from './repository.js';
import { withFollowToken } from './follow-links.js';
import { readableKinds, requestAccess } from './access.js';

const notFoundRequest = () => notFound('This request');
const seatMessage: Record<Module, string> = { remoteSupport: 'Remote Support', serviceDesk: 'Service Desk' };

export async function seatsOf(db: Queryable, actor: Actor): Promise<Set<Module>> {
  return new Set((await userSeats(db, actor.accountId, [actor.userId])).get(actor.userId) ?? []);
}

function seatRequired(module: Module, toDo: string): AppError {
  return new AppError('forbidden', `You need a ${seatMessage[module]} seat to ${toDo}. Ask an administrator.`, {
    reason: 'seat_required',
    module,
  });
}

export { readableKinds };

const kindOf = (r: Pick<repo.RequestRow, 'kind'>) => r.kind ?? 'chat';

/**
 * The one entry to a request: another account's, one outside the actor's companies, or a missing
 * one answer 404; a visible one of a kind the actor has no seat for answers 403.
 */
async function visibleRequest(
  db: Queryable,
  actor: Actor,
  id: string,
  seats: ReadonlySet<Module>,
  { forUpdate = false } = {},
): Promise<repo.RequestRow> {
  const row = await repo.findRequest(db, actor.accountId, id, { forUpdate });
  const access = row ? requestAccess(actor, seats, row) : 'hidden';
  if (access === 'hidden') throw notFoundRequest();
  if (access === 'no_seat')
    throw kindOf(row!) === 'chat'
      ? seatRequired('remoteSupport', 'see live chats')
      : seatRequired('serviceDesk', 'see offline questions');
  return row!;
}

const viewModules: Partial<Record<RequestView, Module>> = {
  new: 'remoteSupport',
  active: 'remoteSupport',
  inbox: 'serviceDesk',
};

export async function listRequests(
  db: Db,
  actor: Actor,
  query: { view: RequestView; companyId?: string; q?: string },
  limit: number,
  after: [string, string] | null,
) {
  if (query.companyId) await requireCompany(db, actor, query.companyId);
  const seats = await seatsOf(db, actor);
  let kinds = readableKinds(actor, seats);
  const module = viewModules[query.view];
  if (module === 'remoteSupport') {
    if (!kinds.includes('chat')) throw seatRequired('remoteSupport', 'see the live queue');
    kinds = ['chat'];
  } else if (module === 'serviceDesk') {
    if (!kinds.includes('question')) throw seatRequired('serviceDesk', 'see the offline questions');
    kinds = ['question'];
  } else if (kinds.length === 0) {
    throw seatRequired('remoteSupport', 'see support requests');
  }
  const rows = await repo.listRequests(
    db,
    {
      accountId: actor.accountId,
      view: query.view,
      userId: actor.userId,
      visible: companyFilter(actor),
      companyId: query.companyId,
      kinds,
      q: query.q,
    },
    limit,
    after,
  );
  return { rows, present: (row: repo.RequestListRow) => presentRequest(row, actor, seats) };
}

async function fieldLabelsOf(db: Queryable, row: repo.RequestRow): Promise<Record<string, string>> {
  const portal = await findPortalOfCompany(db, row.accountId, row.companyId);
  const labels: Record<string, string> = { phone: 'Phone' };
  for (const f of portal?.fields.custom ?? []) labels[f.key] = f.label;
  return labels;
}

export async function getRequest(
  db: Queryable,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  const row = await visibleRequest(db, actor, id, seats);
  const full = (await repo.findRequestWithNames(db, actor.accountId, id))!;
  const queue =
    row.status === 'waiting' ? ((await queueStates(db, row.accountId, row.companyId, now)).get(row.id) ?? null) : null;
  return presentRequestDetail(full, actor, seats, await fieldLabelsOf(db, row), queue);
}

export async function transcript(
  db: Queryable,
  actor: Actor,
  id: string,
  afterSeq: number,
  limit: number,
): Promise<{ items: ChatMessage[]; lastSeq: number }> {
  const row = await visibleRequest(db, actor, id, await seatsOf(db, actor));
  const items = await loadMessages(db, row.id, afterSeq, limit, (a) => attachmentUrl('console', row, a));
  return { items, lastSeq: row.lastSeq };
}

function requireWork(actor: Actor, seats: ReadonlySet<Module>, module: Module, toDo: string) {
  authorize(actor, 'requests.answer');
  if (!seats.has(module)) throw seatRequired(module, toDo);
}

/**
 * Accepts a waiting request. One conditional UPDATE decides between technicians accepting at
 * once, in any process: the first gets 200, the others 409 `taken` naming who took it.
 */
export async function acceptRequest(db: Db, actor: Actor, id: string): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats);
    requireWork(actor, seats, 'remoteSupport', 'accept chats');
    // serialise this technician's own accepts: capacity holds even when they click twice
    await repo.lockTechnicianAccepts(tx, actor.userId);
    const [me] = await presenceOf(tx, actor.accountId, { userIds: [actor.userId] });
    if (me && me.activeChats >= me.capacity) {
      throw conflict(`You already have ${me.activeChats} chats, your capacity; close one or raise your capacity.`, {
        reason: 'over_capacity',
        capacity: me.capacity,
      });
    }
    const taken = await repo.updateRequest(
      tx,
      actor.accountId,
      row.id,
      { status: 'active', kind: 'chat', assigneeId: actor.userId, acceptedAt: new Date(), waitDeadline: null },
      sql`${supportRequests.status} = 'waiting'`,
    );
    if (!taken) {
      const now = (await repo.findRequestWithNames(tx, actor.accountId, row.id))!;
      if (now.status === 'active' && now.assigneeId) {
        throw conflict(`${now.assigneeName ?? 'Another technician'} already accepted this request.`, {
          reason: 'taken',
          by: { id: now.assigneeId, name: now.assigneeName ?? '' },
        });
      }
      throw conflict('This request is no longer waiting.', { reason: 'not_waiting', status: now.status });
    }
    await appendMessage(
      tx,
      taken,
      { type: 'system', name: null },
      { body: systemLine(taken.language as Language, 'accepted', firstWord(actor.name)) },
    );
    await recordEvent(tx, {
      accountId: actor.accountId,
      companyId: taken.companyId,
      type: 'request.accepted',
      subjectId: taken.id,
      payload: {
        requestId: taken.id,
        number: taken.number,
        companyId: taken.companyId,
        acceptedBy: { id: actor.userId, name: actor.name },
      },
    });
    await announceChange(tx, {
      accountId: actor.accountId,
      companyId: taken.companyId,
      requestId: taken.id,
      change: 'accepted',
      takenBy: { id: actor.userId, name: actor.name },
    });
  });
  return getRequest(db, actor, id);
}

const firstWord = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** A technician who may take this request's work: active, access to its company, the module's seat. */
async function assertCanTake(
  db: Queryable,
  actor: Actor,
  companyId: string,
  userId: string,
  module: Module,
): Promise<{ id: string; name: string }> {
  const [target] = await presenceOf(db, actor.accountId, { companyId, userIds: [userId] });
  if (!target) throw notFound('This technician');
  const seats = (await userSeats(db, actor.accountId, [userId])).get(userId) ?? [];
  if (!seats.includes(module))
    throw conflict(`${target.name} has no ${seatMessage[module]} seat.`, { reason: 'seat_required', module });
  return { id: target.userId, name: target.name };
}

/** Hands an active chat to another technician (the one holding it, or an administrator). */
export async function transferRequest(db: Db, actor: Actor, id: string, userId: string): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats, { forUpdate: true });
    requireWork(actor, seats, 'remoteSupport', 'transfer chats');
    if (row.status !== 'active')
      throw conflict('Only an active chat can be transferred.', { reason: 'not_active', status: row.status });
    if (row.assigneeId !== actor.userId && actor.role !== 'administrator')
      throw new AppError('forbidden', 'Only the technician holding this chat, or an administrator, can transfer it.');
    if (row.assigneeId === userId)
      throw conflict('This technician already holds the chat.', { reason: 'same_technician' });
    const target = await assertCanTake(tx, actor, row.companyId, userId, 'remoteSupport');
    const updated = (await repo.updateRequest(tx, actor.accountId, row.id, { assigneeId: target.id }))!;
    await appendMessage(
      tx,
      updated,
      { type: 'system', name: null },
      { body: systemLine(row.language as Language, 'transferred', firstWord(target.name)) },
    );
    await announceChange(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      requestId: row.id,
      change: 'transferred',
      takenBy: target,
    });
  });
  return getRequest(db, actor, id);
}

/** Closes an active chat or an open offline question, with its outcome and notes. */
export async function closeRequest(
  db: Db,
  actor: Actor,
  id: string,
  body: z.infer<typeof closeBody>,
): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats, { forUpdate: true });
    authorize(actor, 'requests.answer');
    if (row.status === 'closed') throw conflict('This request is already closed.', { reason: 'closed' });
    if (row.status === 'waiting')
      throw conflict('Accept this request before closing it.', { reason: 'not_active', status: row.status });
    if (row.status === 'active') {
      requireWork(actor, seats, 'remoteSupport', 'close chats');
      if (row.assigneeId !== actor.userId && actor.role !== 'administrator')
        throw new AppError('forbidden', 'Only the technician holding this chat, or an administrator, can close it.');
    } else {
      requireWork(actor, seats, 'serviceDesk', 'close offline questions');
    }
    const closed = (await repo.updateRequest(tx, actor.accountId, row.id, {
      status: 'closed',
      closedAt: new Date(),
      closedBy: actor.userId,
      outcome: body.outcome,
      closeNotes: body.notes || null,
    }))!;
    await appendMessage(
      tx,
      closed,
      { type: 'system', name: null },
      { body: systemLine(row.language as Language, 'closed') },
    );
    await recordEvent(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      type: 'request.closed',
      subjectId: row.id,
      payload: {
        requestId: row.id,
        number: row.number,
        companyId: row.companyId,
        outcome: body.outcome,
        kind: kindOf(row),
      },
    });
    await announceChange(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      requestId: row.id,
      change: 'closed',
      takenBy: null,
    });
  });
  return getRequest(db, actor, id);
}

/** Assigns an open offline question to a technician with a Service Desk seat (null: nobody). */
export async function assignRequest(
  db: Db,
  actor: Actor,
  id: string,
  userId: string | null,
): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats, { forUpdate: true });
    requireWork(actor, seats, 'serviceDesk', 'assign offline questions');
    if (row.status !== 'offline' && row.status !== 'answered')
      throw conflict('Only an open offline question can be assigned.', { reason: 'not_question', status: row.status });
    const target = userId ? await assertCanTake(tx, actor, row.companyId, userId, 'serviceDesk') : null;
    await repo.updateRequest(tx, actor.accountId, row.id, { assigneeId: target?.id ?? null });
    await announceChange(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      requestId: row.id,
      change: 'transferred',
      takenBy: target,
    });
  });
  return getRequest(db, actor, id);
}

/**
 * Answers an offline question: a message in its conversation, the e-mail to the customer in the
 * portal's language with a fresh follow link, status `answered`. The answer itself is e-mailed
 * only once the customer proved the address by opening a follow link; before, the e-mail says
 * that an answer waits at the link. A resend of the same clientId
 * changes nothing and sends no second e-mail.
 */
export async function answerRequest(
  db: Db,
  config: Config,
  actor: Actor,
  id: string,
  body: z.infer<typeof answerBody>,
): Promise<SupportRequestDetail> {
  const seats = await seatsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats, { forUpdate: true });
    requireWork(actor, seats, 'serviceDesk', 'answer offline questions');
    const existing = await repo.findMessageByClientId(tx, row.id, 'technician', body.clientId);
    if (existing) return;
    if (row.status !== 'offline' && row.status !== 'answered')
      throw conflict('Only an open offline question can be answered.', { reason: 'not_question', status: row.status });
    await appendMessage(
      tx,
      row,
      { type: 'technician', userId: actor.userId, name: actor.name },
      { clientId: body.clientId, body: body.body },
    );
    const token = randomSecret();
    const answered = (await repo.updateRequest(tx, actor.accountId, row.id, {
      status: 'answered',
      answeredAt: new Date(),
      assigneeId: row.assigneeId ?? actor.userId,
      ...withFollowToken(row, sha256(token)),
    }))!;
    const portal = (await findPortalOfCompany(tx, actor.accountId, row.companyId))!;
    const language = row.language as Language;
    // an address nobody proved gets a fixed notice, never the customer's name or the answer
    const proven = row.emailConfirmedAt !== null;
    await enqueueEmail(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      kind: 'support_question_answered',
      to: row.customerEmail,
      language,
      template: proven ? 'supportMail.answered' : 'supportMail.answerWaiting',
      params: proven
        ? {
            name: row.customerName,
            technician: firstWord(actor.name),
            company: portal.companyName,
            number: row.number,
            answer: body.body,
          }
        : { company: portal.companyName, number: row.number },
      action: { url: followUrl(config, portal.slug, row.id, token) },
      metadata: { requestId: row.id },
    });
    await recordEvent(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      type: 'question.answered',
      subjectId: row.id,
      payload: {
        requestId: row.id,
        number: row.number,
        companyId: row.companyId,
        answeredBy: { id: actor.userId, name: actor.name },
      },
    });
    await announceChange(tx, {
      accountId: actor.accountId,
      companyId: row.companyId,
      requestId: answered.id,
      change: 'answered',
      takenBy: null,
    });
  });
  return getRequest(db, actor, id);
}

/**
 * A technician's message in the active chat they hold: the one write path, behind
 * `POST /api/v1/support-requests/{id}/messages`.
 */
export async function technicianMessage(
  db: Db,
  actor: Actor,
  id: string,
  content: { clientId: string; body: string; attachmentId?: string },
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const seats = await seatsOf(db, actor);
  return db.transaction(async (tx) => {
    const row = await visibleRequest(tx, actor, id, seats, { forUpdate: true });
    requireWork(actor, seats, 'remoteSupport', 'chat');
    const existing = await repo.findMessageByClientId(tx, row.id, 'technician', content.clientId);
    if (!existing) {
      if (row.status !== 'active')
        throw conflict('This chat is not active.', { reason: 'not_active', status: row.status });
      if (row.assigneeId !== actor.userId)
        throw new AppError('forbidden', 'Only the technician holding this chat can write in it.');
    }
    const { message, duplicate } = await appendMessage(
      tx,
      row,
      { type: 'technician', userId: actor.userId, name: actor.name },
      content,
    );
    return { message: await presentOne(tx, message, (a) => attachmentUrl('console', row, a)), duplicate };
  });
}

/** The technician side has read up to `seq` (at most the last message; never goes back). */
export async function technicianRead(db: Db, actor: Actor, id: string, seq: number): Promise<void> {
  const seats = await seatsOf(db, actor);
  const row = await visibleRequest(db, actor, id, seats);
  await db.transaction(async (tx) => {
    const done = await repo.markReadUpTo(tx, row.id, 'technician', seq);
    if (done !== null) await announceChat(tx, { requestId: row.id, event: 'read', side: 'technician', seq: done });
  });
}

/** Checks that the actor may follow a request's conversation live (its kind's seat, its company). */
export async function followable(db: Queryable, actor: Actor, id: string): Promise<repo.RequestRow> {
  return visibleRequest(db, actor, id, await seatsOf(db, actor));
}

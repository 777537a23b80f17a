import type { z } from 'zod';
import type {
  createdSessionSchema,
  createSessionBody,
  endSessionBody,
  SessionDetail,
  SessionEventType,
} from '../../../shared/contracts/sessions.js';
import { translations } from '../../../shared/i18n/index.js';
import type { Module } from '../../../shared/licence.js';
import { limits } from '../../../shared/limits.js';
import type { Language } from '../../../shared/locales.js';
import type { Config } from '../../config.js';
import { canSee } from '../../platform/access.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { recordSessionEnded } from './session-events.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { requireCompany } from '../companies/index.js';
import { findPortalOfCompany } from '../portals/index.js';
import { appendMessage, findRequest } from '../requests/index.js';
import { userSeats } from '../seats/index.js';
import { loadSettings } from '../settings/index.js';
import { findUser } from '../users/index.js';
import { announceSession } from './announce.js';
import { hashSessionCode, newSessionCode } from './codes.js';
import { durationOf, presentSession, presentSessionDetail } from './presenter.js';
import * as repo from './repository.js';
import { recordSessionEvent } from './timeline.js';

type CreatedSession = z.infer<typeof createdSessionSchema>;

const notFoundSession = () => notFound('This session');
const isOpen = (status: repo.SessionRow['status']) => (repo.openStatuses as readonly string[]).includes(status);

export async function seatsOf(db: Queryable, userId: string, accountId: string): Promise<Set<Module>> {
  return new Set((await userSeats(db, accountId, [userId])).get(userId) ?? []);
}

/** The rule the chat queue applies too: live work needs a Remote Support seat (403 `seat_required`). */
export function requireSeat(seats: ReadonlySet<Module>, toDo: string): void {
  if (!seats.has('remoteSupport'))
    throw new AppError('forbidden', `You need a Remote Support seat to ${toDo}. Ask an administrator.`, {
      reason: 'seat_required',
      module: 'remoteSupport',
    });
}

/** The one entry to a session: another account's, one outside the actor's companies, or a missing one answer 404. */
async function visibleSession(
  db: Queryable,
  actor: Actor,
  id: string,
  { forUpdate = false } = {},
): Promise<repo.SessionRow> {
  const row = await repo.findSession(db, actor.accountId, id, { forUpdate });
  if (!canSee(actor, row)) throw notFoundSession();
  return row;
}

function requireOwnerOrAdministrator(actor: Actor, row: repo.SessionRow, toDo: string): void {
  if (row.technicianId !== actor.userId && actor.role !== 'administrator')
    throw new AppError('forbidden', `Only the session's technician, or an administrator, can ${toDo}.`);
}

function requireOpen(row: repo.SessionRow): void {
  if (!isOpen(row.status)) throw conflict('This session is over.', { reason: 'session_over', status: row.status });
}

export async function assertUnderLimit(tx: Queryable, accountId: string, userId: string, who: string): Promise<void> {
  await repo.lockTechnicianSessions(tx, userId);
  const settings = await loadSettings(tx, accountId);
  const limit = settings.get('sessions.maxPerTechnician');
  if ((await repo.countOpenSessions(tx, userId)) >= limit)
    throw conflict(
      `${who} already ${who === 'You' ? 'hold' : 'holds'} ${limit} open sessions, the limit; end one first.`,
      {
        reason: 'session_limit',
        limit,
        userId,
      },
    );
}

/** The chat a session is escalated from: the caller's own active live chat of the same company, locked. */
async function chatToEscalate(tx: Queryable, actor: Actor, companyId: string, requestId: string) {
  const chat = await findRequest(tx, actor.accountId, requestId, { forUpdate: true });
  if (!chat || chat.companyId !== companyId || (chat.kind ?? 'chat') !== 'chat' || chat.assigneeId !== actor.userId)
    throw notFound('This chat');
  if (chat.status !== 'active')
    throw conflict('Only an active chat can become a session.', { reason: 'not_active', status: chat.status });
  const current = await repo.findSessionOfRequest(tx, chat.id);
  if (current && isOpen(current.status))
    throw conflict('This chat already has a session.', { reason: 'session_open', sessionId: current.id });
  return chat;
}

const firstWord = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/**
 * Creates a session for a company: a nine-digit code valid `limits.sessionCodeMinutes` (stored as
 * its sha-256, unique among waiting sessions of the server: a code drawn twice is drawn again), or,
 * with `requestId`, the caller's live chat escalated (no code: the customer is there). Recording
 * follows the company's `sessions.recording` as resolved now.
 */
export async function createSession(
  db: Db,
  config: Config,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof createSessionBody>,
  drawCode: () => string = newSessionCode,
): Promise<CreatedSession> {
  authorize(actor, 'sessions.run');
  const company = await requireCompany(db, actor, body.companyId);
  const seats = await seatsOf(db, actor.userId, actor.accountId);
  requireSeat(seats, 'start sessions');
  const created = await db.transaction(async (tx) => {
    await assertUnderLimit(tx, actor.accountId, actor.userId, 'You');
    const settings = await loadSettings(tx, actor.accountId, [company.id]);
    const policy = settings.get('sessions.recording', company.id);
    const recorded = policy === 'always' ? true : policy === 'optional' ? (body.recorded ?? false) : false;
    const chat = body.requestId ? await chatToEscalate(tx, actor, company.id, body.requestId) : null;
    const base = {
      accountId: actor.accountId,
      companyId: company.id,
      technicianId: actor.userId,
      createdBy: actor.userId,
      recordingPolicy: policy,
      recorded,
    };
    let row: repo.SessionRow | null = null;
    let code: string | null = null;
    if (chat) {
      // the customer is in the chat, not yet in the session: it is joined when they answer its consent step
      row = await repo.insertSession(tx, {
        ...base,
        status: 'waiting',
        requestId: chat.id,
        customerName: chat.customerName,
      });
    } else {
      const codeExpiresAt = new Date(Date.now() + limits.sessionCodeMinutes * 60_000);
      // a code already waiting elsewhere is refused by the unique index: draw another
      for (let attempt = 0; attempt < 5 && !row; attempt++) {
        code = drawCode();
        row = await repo.insertSession(tx, {
          ...base,
          status: 'waiting',
          codeHash: hashSessionCode(code),
          codeExpiresAt,
        });
      }
    }
    if (!row) throw new Error('no free session code after 5 draws');
    await recordSessionEvent(tx, {
      sessionId: row.id,
      type: 'created',
      side: 'technician',
      actorId: actor.userId,
      data: { recordingPolicy: policy, recorded },
    });
    if (chat) {
      await recordSessionEvent(tx, {
        sessionId: row.id,
        type: 'escalated',
        side: 'technician',
        actorId: actor.userId,
        data: { requestId: chat.id },
      });
      const language = chat.language as Language;
      await appendMessage(
        tx,
        chat,
        { type: 'system', name: null },
        { body: translations[language].supportMail.system.screenShare.replace('{{name}}', firstWord(actor.name)) },
      );
    }
    await recordAudit(tx, ctx, {
      action: 'session.create',
      objectType: 'session',
      objectId: row.id,
      after: { companyId: company.id, requestId: row.requestId, recordingPolicy: policy, recorded },
    });
    await announceSession(tx, { accountId: actor.accountId, companyId: company.id, sessionId: row.id });
    return { row, code };
  });
  const portal = created.code ? await findPortalOfCompany(db, actor.accountId, company.id) : null;
  const session = await getSession(db, actor, created.row.id);
  const { timeline: _timeline, ...rest } = session;
  return {
    ...rest,
    code: created.code,
    joinUrl:
      created.code && portal
        ? `${publicUrlOf(config)}/portal/${encodeURIComponent(portal.slug)}?code=${created.code}`
        : null,
    expiresAt: created.row.codeExpiresAt?.toISOString() ?? null,
    recording: created.row.recordingPolicy,
  };
}

export type SessionListFilter = Omit<repo.SessionFilter, 'accountId' | 'visible' | 'ids'>;

/** A page of the sessions the actor sees (their companies'), newest first, with what they may do with each. */
export async function listSessions(
  db: Queryable,
  actor: Actor,
  filter: SessionListFilter,
  limit: number,
  after: readonly [string, string] | null,
) {
  if (filter.companyId) await requireCompany(db, actor, filter.companyId);
  const seats = await seatsOf(db, actor.userId, actor.accountId);
  const rows = await repo.listSessions(
    db,
    { ...filter, accountId: actor.accountId, visible: companyFilter(actor) },
    limit,
    after,
  );
  return { rows, present: (row: repo.SessionListRow) => presentSession(row, actor, seats) };
}

export async function getSession(db: Queryable, actor: Actor, id: string): Promise<SessionDetail> {
  await visibleSession(db, actor, id);
  const [row, timeline, seats] = [
    await repo.findSessionWithNames(db, actor.accountId, id),
    await repo.timelineOf(db, id),
    await seatsOf(db, actor.userId, actor.accountId),
  ];
  if (!row) throw notFoundSession();
  return presentSessionDetail(row, timeline, actor, seats);
}

/**
 * A technician who may take part in a session: an active technician or administrator of the
 * account (else 404), who sees the session's company and holds a Remote Support seat (else 409).
 */
async function assertCanJoin(tx: Queryable, actor: Actor, row: repo.SessionRow, userId: string) {
  const user = await findUser(tx, actor.accountId, userId);
  if (!user || user.status !== 'active' || user.role === 'viewer') throw notFound('This technician');
  const sees = user.role === 'administrator' || user.allCompanies || user.companyIds.includes(row.companyId);
  if (!sees) throw conflict(`${user.name} cannot see this session's company.`, { reason: 'no_company_access', userId });
  if (!(await seatsOf(tx, userId, actor.accountId)).has('remoteSupport'))
    throw conflict(`${user.name} has no Remote Support seat.`, { reason: 'seat_required', module: 'remoteSupport' });
  return user;
}

/** What a technician's change of a session writes beside itself: its timeline entry, if any, and its audit entry. */
interface SessionChange {
  event?: { type: SessionEventType; data: Record<string, unknown> };
  audit: { action: string; before?: unknown; after?: unknown };
}

/**
 * Every technician's change of one session, in one transaction: the session locked (hidden: 404),
 * `sessions.run` checked, `change` made on it, its timeline and audit entries written, the session
 * announced; then the session as it now is.
 */
async function changeSession(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  change: (tx: Queryable, row: repo.SessionRow) => Promise<SessionChange>,
): Promise<SessionDetail> {
  await db.transaction(async (tx) => {
    const row = await visibleSession(tx, actor, id, { forUpdate: true });
    authorize(actor, 'sessions.run');
    const { event, audit } = await change(tx, row);
    if (event) await recordSessionEvent(tx, { sessionId: id, side: 'technician', actorId: actor.userId, ...event });
    await recordAudit(tx, ctx, { objectType: 'session', objectId: id, ...audit });
    await announceSession(tx, { accountId: actor.accountId, companyId: row.companyId, sessionId: id });
  });
  return getSession(db, actor, id);
}

/** Ends an open session with its outcome and notes (its chat stays open: the technician closes it as usual). */
export async function endSession(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  body: z.infer<typeof endSessionBody>,
): Promise<SessionDetail> {
  return changeSession(db, ctx, actor, id, async (tx, row) => {
    requireOwnerOrAdministrator(actor, row, 'end it');
    requireOpen(row);
    const endedAt = new Date();
    const ended = (await repo.updateSession(tx, actor.accountId, id, {
      status: 'ended',
      outcome: body.outcome,
      notes: body.notes || null,
      endedAt,
      endedBy: actor.userId,
      sharing: false,
      codeHash: null,
    }))!;
    await recordSessionEnded(tx, row, body.outcome, endedAt);
    return {
      event: { type: 'ended', data: { outcome: body.outcome, durationSeconds: durationOf(ended, endedAt) } },
      audit: {
        action: 'session.end',
        before: { status: row.status },
        after: { status: 'ended', outcome: body.outcome, notes: body.notes || null },
      },
    };
  });
}

/** The checks of a change of who takes part: by the owner or an administrator with a seat, the session open, the target able to join. */
async function checkParticipantChange(tx: Queryable, actor: Actor, row: repo.SessionRow, userId: string, toDo: string) {
  requireSeat(await seatsOf(tx, actor.userId, actor.accountId), toDo);
  requireOwnerOrAdministrator(actor, row, toDo);
  requireOpen(row);
  if (row.technicianId === userId)
    throw conflict('This technician already holds the session.', { reason: 'same_technician' });
  return assertCanJoin(tx, actor, row, userId);
}

/** Invites another technician to watch the session. */
export async function inviteWatcher(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  userId: string,
): Promise<SessionDetail> {
  return changeSession(db, ctx, actor, id, async (tx, row) => {
    const target = await checkParticipantChange(tx, actor, row, userId, 'invite technicians');
    if (!(await repo.insertWatcher(tx, { sessionId: id, userId, invitedBy: actor.userId })))
      throw conflict(`${target.name} is already invited.`, { reason: 'already_watching', userId });
    const watcher = { id: target.id, name: target.name };
    return {
      event: { type: 'invited', data: { user: watcher } },
      audit: { action: 'session.invite', after: { watcher } },
    };
  });
}

/** Removes a watcher (the owner or an administrator; a watcher may also leave). */
export async function removeWatcher(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  userId: string,
): Promise<SessionDetail> {
  return changeSession(db, ctx, actor, id, async (tx, row) => {
    if (userId !== actor.userId) requireOwnerOrAdministrator(actor, row, 'remove watchers');
    if (!(await repo.deleteWatcher(tx, id, userId))) throw notFound('This watcher');
    return {
      event: { type: 'watcher_left', data: { userId } },
      audit: { action: 'session.remove_watcher', before: { watcherId: userId } },
    };
  });
}

/**
 * Hands the session to another technician, under their own open-session limit. The previous owner
 * keeps no access of their own (an administrator still sees it as every session); a watcher who
 * becomes the owner stops being a watcher.
 */
export async function transferSession(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  userId: string,
): Promise<SessionDetail> {
  return changeSession(db, ctx, actor, id, async (tx, row) => {
    const target = await checkParticipantChange(tx, actor, row, userId, 'transfer sessions');
    await assertUnderLimit(tx, actor.accountId, target.id, target.name);
    await repo.deleteWatcher(tx, id, target.id);
    await repo.updateOpenSession(tx, actor.accountId, id, { technicianId: target.id });
    return {
      event: { type: 'transferred', data: { from: row.technicianId, to: { id: target.id, name: target.name } } },
      audit: {
        action: 'session.transfer',
        before: { technicianId: row.technicianId },
        after: { technicianId: target.id },
      },
    };
  });
}

/** The technician's choice with `optional` recording, before the customer consents. */
export async function chooseRecording(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  recorded: boolean,
): Promise<SessionDetail> {
  return changeSession(db, ctx, actor, id, async (tx, row) => {
    if (row.technicianId !== actor.userId)
      throw new AppError('forbidden', "Only the session's technician can choose whether it is recorded.");
    requireOpen(row);
    if (row.recordingPolicy !== 'optional')
      throw conflict(`Recording is ${row.recordingPolicy} for this company: it cannot be chosen.`, {
        reason: 'recording_fixed',
        policy: row.recordingPolicy,
      });
    if (row.startedAt || row.status === 'active')
      throw conflict('The customer already consented: the recording choice is made.', { reason: 'consented' });
    await repo.updateSession(tx, actor.accountId, id, { recorded });
    return { audit: { action: 'session.choose_recording', before: { recorded: row.recorded }, after: { recorded } } };
  });
}

import type { CannedReply, CreateCannedReply } from '../../../shared/contracts/canned-replies.js';
import type { z } from 'zod';
import type { updateCannedReplyBody } from '../../../shared/contracts/canned-replies.js';
import { roleCan } from '../../../shared/permissions.js';
import { canSee } from '../../platform/access.js';
import { authorize, companyFilter, hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { requireCompany } from '../companies/index.js';
import { findRequest } from '../requests/index.js';
import * as repo from './repository.js';

/** Account-wide and company replies are the administrators' (the permission that changes account settings). */
const sharedPermission = 'settings.update' as const;

/** Whether the actor may see a reply at all: the account's, a company's in their access, or their own. */
function visible(actor: Actor, row: repo.CannedReplyRow | null): row is repo.CannedReplyRow {
  if (!row || row.accountId !== actor.accountId) return false;
  if (row.scope === 'company') return row.companyId !== null && hasCompanyAccess(actor, row.companyId);
  if (row.scope === 'personal') return row.ownerId === actor.userId;
  return true;
}

function mayChange(actor: Actor, row: Pick<repo.CannedReplyRow, 'scope' | 'ownerId'>): boolean {
  return row.scope === 'personal' ? row.ownerId === actor.userId : roleCan(actor.role, sharedPermission);
}

function presentReply(actor: Actor, row: repo.CannedReplyRow): CannedReply {
  const change = mayChange(actor, row);
  return {
    id: row.id,
    scope: row.scope,
    companyId: row.companyId,
    companyName: row.companyName,
    ownerId: row.ownerId,
    title: row.title,
    shortcut: row.shortcut,
    body: row.body,
    updatedAt: row.updatedAt.toISOString(),
    abilities: { update: change, delete: change },
  };
}

/**
 * The replies the actor may use: with a request, those usable in its chat (the account's, the
 * request's company's and the actor's own; a request they cannot see answers 404); with a
 * company, the account's, that company's and their own; else every one they can see.
 */
export async function listReplies(
  db: Queryable,
  actor: Actor,
  query: { requestId?: string; companyId?: string },
): Promise<CannedReply[]> {
  let companies = companyFilter(actor);
  if (query.requestId) {
    const request = await findRequest(db, actor.accountId, query.requestId);
    if (!canSee(actor, request)) throw notFound('This request');
    companies = [request.companyId];
  } else if (query.companyId) {
    await requireCompany(db, actor, query.companyId);
    companies = [query.companyId];
  }
  const rows = await repo.listVisible(db, actor.accountId, actor.userId, companies);
  return rows.map((row) => presentReply(actor, row));
}

export async function createReply(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: CreateCannedReply,
): Promise<CannedReply> {
  return db.transaction(async (tx) => {
    let companyId: string | null = null;
    let companyName: string | null = null;
    if (body.scope === 'company') {
      if (!body.companyId) throw fieldError('companyId', 'required', 'Choose the company this reply is for.');
      const company = await requireCompany(tx, actor, body.companyId);
      companyId = company.id;
      companyName = company.name;
    } else if (body.companyId) {
      throw fieldError('companyId', 'not_applicable', 'Only a company reply names a company.');
    }
    if (body.scope !== 'personal') authorize(actor, sharedPermission);
    const row = await repo.insertReply(tx, {
      accountId: actor.accountId,
      scope: body.scope,
      companyId,
      ownerId: body.scope === 'personal' ? actor.userId : null,
      title: body.title,
      shortcut: body.shortcut,
      body: body.body,
    });
    const presented = presentReply(actor, { ...row, companyName });
    await recordAudit(tx, ctx, {
      action: 'canned_reply.create',
      objectType: 'canned_reply',
      objectId: row.id,
      after: auditView(presented),
    });
    return presented;
  });
}

/** A reply the actor can see, locked, and their right to change it (404 before 403). */
async function changeable(tx: Queryable, actor: Actor, id: string): Promise<repo.CannedReplyRow> {
  const row = await repo.findReply(tx, actor.accountId, id, { forUpdate: true });
  if (!visible(actor, row)) throw notFound('This canned reply');
  if (row.scope !== 'personal') authorize(actor, sharedPermission);
  return row;
}

const auditView = (r: CannedReply) => ({
  scope: r.scope,
  companyId: r.companyId,
  title: r.title,
  shortcut: r.shortcut,
  body: r.body,
});

export async function updateReply(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: z.infer<typeof updateCannedReplyBody>,
): Promise<CannedReply> {
  return db.transaction(async (tx) => {
    const before = await changeable(tx, actor, id);
    const row = await repo.updateReply(tx, before.id, patch);
    const presented = presentReply(actor, { ...row, companyName: before.companyName });
    await recordAudit(tx, ctx, {
      action: 'canned_reply.update',
      objectType: 'canned_reply',
      objectId: row.id,
      before: auditView(presentReply(actor, before)),
      after: auditView(presented),
    });
    return presented;
  });
}

export async function deleteReply(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await changeable(tx, actor, id);
    await repo.deleteReply(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'canned_reply.delete',
      objectType: 'canned_reply',
      objectId: row.id,
      before: auditView(presentReply(actor, row)),
    });
  });
}

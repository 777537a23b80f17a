import type {
  CreateMaintenanceWindowBody,
  MaintenanceWindow,
  UpdateMaintenanceWindowBody,
} from '../../../shared/contracts/maintenance.js';
import { maintenanceMaxDays } from '../../../shared/contracts/maintenance.js';
import { roleCan } from '../../../shared/permissions.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { findCompany } from '../companies/index.js';
import {
  deleteWindowRow,
  findWindow,
  insertWindow,
  listWindows,
  updateWindowRow,
  type MaintenanceWindowRow,
} from './maintenance-repository.js';

export function presentWindow(w: MaintenanceWindowRow, actor: Actor, now = new Date()): MaintenanceWindow {
  const manage = roleCan(actor.role, 'alerts.manage');
  return {
    id: w.id,
    companyId: w.companyId,
    companyName: w.companyName,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    mode: w.mode,
    reason: w.reason,
    state: w.endsAt <= now ? 'ended' : w.startsAt <= now ? 'active' : 'upcoming',
    heldAlerts: w.heldAlerts,
    droppedAlerts: w.droppedAlerts,
    abilities: { update: manage, delete: manage },
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

const auditView = (w: MaintenanceWindowRow) => ({
  companyId: w.companyId,
  startsAt: w.startsAt.toISOString(),
  endsAt: w.endsAt.toISOString(),
  mode: w.mode,
  reason: w.reason,
});

export async function listMaintenanceWindows(
  db: Queryable,
  actor: Actor,
  query: { companyId?: string; when: 'current' | 'ended' },
): Promise<MaintenanceWindow[]> {
  const now = new Date();
  const rows = await listWindows(db, actor.accountId, companyFilter(actor), { ...query, now });
  return rows.map((w) => presentWindow(w, actor, now));
}

async function visibleWindow(db: Queryable, actor: Actor, id: string, forUpdate = false) {
  const window = await findWindow(db, actor.accountId, id, companyFilter(actor), { forUpdate });
  if (!window) throw notFound('This maintenance window');
  return window;
}

export async function getMaintenanceWindow(db: Queryable, actor: Actor, id: string): Promise<MaintenanceWindow> {
  return presentWindow(await visibleWindow(db, actor, id), actor);
}

/** A company of the account the caller may see; a field problem otherwise. */
async function checkedCompany(tx: Queryable, actor: Actor, companyId: string): Promise<void> {
  const visible = companyFilter(actor);
  const company = await findCompany(tx, actor.accountId, companyId);
  if (!company || (visible !== null && !visible.includes(companyId)))
    throw fieldError('companyId', 'not_found', 'This company does not exist.');
}

/** The end after the start, in the future, and at most `maintenanceMaxDays` after the start. */
function checkedTimes(startsAt: Date, endsAt: Date, now: Date, endChanged: boolean): void {
  if (endsAt <= startsAt) throw fieldError('endsAt', 'end_before_start', 'The end must be after the start.');
  if (endChanged && endsAt <= now) throw fieldError('endsAt', 'future_date_required', 'The end must be in the future.');
  if (endsAt.getTime() - startsAt.getTime() > maintenanceMaxDays * 86_400_000)
    throw fieldError(
      'endsAt',
      { code: 'too_big', params: { max: maintenanceMaxDays } },
      `A maintenance window lasts at most ${maintenanceMaxDays} days.`,
    );
}

export async function createMaintenanceWindow(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: CreateMaintenanceWindowBody,
  now = new Date(),
): Promise<MaintenanceWindow> {
  authorize(actor, 'alerts.manage');
  const id = await db.transaction(async (tx) => {
    await checkedCompany(tx, actor, body.companyId);
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    checkedTimes(startsAt, endsAt, now, true);
    const id = await insertWindow(tx, {
      accountId: actor.accountId,
      companyId: body.companyId,
      startsAt,
      endsAt,
      mode: body.mode,
      reason: body.reason,
      createdBy: actor.userId,
    });
    const created = await visibleWindow(tx, actor, id);
    await recordAudit(tx, ctx, {
      action: 'maintenance_window.create',
      objectType: 'maintenance_window',
      objectId: id,
      after: auditView(created),
    });
    return id;
  });
  return getMaintenanceWindow(db, actor, id);
}

export async function updateMaintenanceWindow(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: UpdateMaintenanceWindowBody,
  now = new Date(),
): Promise<MaintenanceWindow> {
  await db.transaction(async (tx) => {
    const before = await visibleWindow(tx, actor, id, true);
    authorize(actor, 'alerts.manage');
    if (patch.companyId !== undefined) await checkedCompany(tx, actor, patch.companyId);
    const startsAt = patch.startsAt ? new Date(patch.startsAt) : before.startsAt;
    const endsAt = patch.endsAt ? new Date(patch.endsAt) : before.endsAt;
    checkedTimes(startsAt, endsAt, now, patch.endsAt !== undefined);
    await updateWindowRow(tx, id, {
      ...(patch.companyId !== undefined ? { companyId: patch.companyId } : {}),
      startsAt,
      endsAt,
      ...(patch.mode !== undefined ? { mode: patch.mode } : {}),
      ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
    });
    const after = await visibleWindow(tx, actor, id);
    if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after)))
      await recordAudit(tx, ctx, {
        action: 'maintenance_window.update',
        objectType: 'maintenance_window',
        objectId: id,
        before: auditView(before),
        after: auditView(after),
      });
  });
  return getMaintenanceWindow(db, actor, id);
}

/**
 * Deleting a window removes it, except a `hold` window that already holds alerts and has not been summarised: that
 * one ends now instead, so that the alerts it held still go out in its summary (nothing held is lost), and it stays
 * in the ended windows' history.
 */
export async function deleteMaintenanceWindow(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const window = await visibleWindow(tx, actor, id, true);
    authorize(actor, 'alerts.manage');
    const holdsAlerts = window.mode === 'hold' && window.summarizedAt === null && window.heldAlerts > 0;
    if (holdsAlerts) await updateWindowRow(tx, id, { endsAt: window.endsAt < now ? window.endsAt : now });
    else await deleteWindowRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'maintenance_window.delete',
      objectType: 'maintenance_window',
      objectId: id,
      before: auditView(window),
      ...(holdsAlerts ? { after: { endedAt: now.toISOString(), heldAlerts: window.heldAlerts } } : {}),
    });
  });
}

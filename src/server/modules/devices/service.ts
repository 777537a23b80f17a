import type { DeviceDetail, DeviceFilter, MovePreview, UpdateDeviceBody } from '../../../shared/contracts/devices.js';
import type { Permission } from '../../../shared/permissions.js';
import { canSee, requireScoped } from '../../platform/access.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import { requireCompanyInScope } from '../../platform/access.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, fieldError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { findVisibleCompany, findCompany } from '../companies/index.js';
import { auditedDevice, presentDeviceDetail } from './presenter.js';
import * as repo from './repository.js';

const scopeOf = (actor: Actor): repo.DeviceScope => ({ accountId: actor.accountId, visible: companyFilter(actor) });

/** A company filter naming a company the actor cannot see answers 404, as the company would. */
function assertFilterVisible(actor: Actor, filter: { companyId?: string }): void {
  if (filter.companyId) requireCompanyInScope(actor, filter.companyId);
}

export async function listDevices(
  db: Db,
  actor: Actor,
  filter: DeviceFilter,
  limit: number,
  after: [string, string] | null,
) {
  assertFilterVisible(actor, filter);
  return repo.listDevices(db, scopeOf(actor), filter, limit, after);
}

export async function countDevices(db: Db, actor: Actor, filter: DeviceFilter): Promise<number> {
  assertFilterVisible(actor, filter);
  return repo.countDevices(db, scopeOf(actor), filter);
}

/** Every device matching the filter, in batches of the same keyset query (the CSV export). */
export async function* allMatchingDevices(
  db: Db,
  actor: Actor,
  filter: DeviceFilter,
  batch = 1000,
): AsyncGenerator<repo.DeviceListRow[]> {
  assertFilterVisible(actor, filter);
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await repo.listDevices(db, scopeOf(actor), filter, batch, after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = [last.sortKey, last.id];
  }
}

/**
 * The one entry to a device: another account's, one outside the actor's companies and a
 * missing one answer 404 alike; then the permission (403 for a visible device).
 */
async function visibleDevice(
  db: Queryable,
  actor: Actor,
  id: string,
  permission?: Permission,
): Promise<repo.DeviceListRow> {
  return requireScoped(actor, await repo.findDevice(db, actor.accountId, id), permission, 'This device');
}

async function detail(db: Queryable, actor: Actor, id: string): Promise<DeviceDetail> {
  const row = await visibleDevice(db, actor, id);
  const history = await repo.statusHistory(db, actor.accountId, id);
  return presentDeviceDetail(row, history, actor);
}

export const getDevice = (db: Db, actor: Actor, id: string) => detail(db, actor, id);

/** Notes and tags (technicians may edit them); audited with before and after. */
export async function updateDevice(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: UpdateDeviceBody,
): Promise<DeviceDetail> {
  return db.transaction(async (tx) => {
    const before = await visibleDevice(tx, actor, id, 'devices.annotate');
    const changes: { notes?: string; tags?: string[] } = {};
    if (patch.notes !== undefined && patch.notes !== before.notes) changes.notes = patch.notes;
    if (patch.tags !== undefined && JSON.stringify(patch.tags) !== JSON.stringify(before.tags))
      changes.tags = patch.tags;
    if (Object.keys(changes).length > 0) {
      await repo.updateDevice(tx, actor.accountId, id, changes);
      await recordAudit(tx, ctx, {
        action: 'device.update',
        objectType: 'device',
        objectId: id,
        before: auditedDevice(before),
        after: auditedDevice({ ...before, ...changes }),
      });
    }
    return detail(tx, actor, id);
  });
}

/** What else a revocation ends, in its transaction: the device's open remote session (the remote module's). */
export type OnDeviceRevoked = (tx: Queryable, ctx: RequestContext, deviceId: string) => Promise<void>;

/** Revokes a device (administrators): its credential fails from its next request on, its open session ends. */
export async function revokeDevice(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  onRevoked: OnDeviceRevoked,
): Promise<DeviceDetail> {
  return db.transaction(async (tx) => {
    const before = await visibleDevice(tx, actor, id, 'devices.revoke');
    if (before.revokedAt === null) {
      await repo.revokeDevice(tx, actor.accountId, id);
      await onRevoked(tx, ctx, id);
      await recordAudit(tx, ctx, {
        action: 'device.revoke',
        objectType: 'device',
        objectId: id,
        before: auditedDevice(before),
        after: { revoked: true },
      });
    }
    return detail(tx, actor, id);
  });
}

// --- moves -------------------------------------------------------------------------------------------

interface MovePlan {
  target: { id: string; name: string };
  /** the devices that change company (those already in the target stay where they are) */
  moving: { id: string; companyId: string; name: string }[];
  sources: { id: string; name: string; devices: number }[];
}

/** The company devices move to: one the actor cannot see is a problem of the request's field (400), not a 404. */
async function visibleTarget(tx: Queryable, actor: Actor, targetCompanyId: string) {
  const target = await findVisibleCompany(tx, actor, targetCompanyId);
  if (!target) throw fieldError('targetCompanyId', 'not_found', 'This company does not exist or you cannot see it.');
  return target;
}

/**
 * Checks a move: every device must be one the actor can see (else 404, naming none), and the
 * target a company they can see (else 400 on targetCompanyId).
 */
async function planMove(
  tx: Queryable,
  actor: Actor,
  deviceIds: readonly string[],
  targetCompanyId: string,
): Promise<MovePlan> {
  authorize(actor, 'devices.move');
  const ids = [...new Set(deviceIds)];
  const found = await repo.lockDevices(tx, actor.accountId, ids);
  if (found.length !== ids.length || !found.every((d) => canSee(actor, d))) {
    throw new AppError(
      'not_found',
      'Some of these devices do not exist or you cannot see them; reload the list and choose again.',
    );
  }
  const target = await visibleTarget(tx, actor, targetCompanyId);
  const moving = found.filter((d) => d.companyId !== target.id);
  const counts = new Map<string, number>();
  for (const d of moving) counts.set(d.companyId, (counts.get(d.companyId) ?? 0) + 1);
  const sources: MovePlan['sources'] = [];
  for (const [id, devices] of counts) {
    const company = await findCompany(tx, actor.accountId, id);
    sources.push({ id, name: company?.name ?? '', devices });
  }
  sources.sort((a, b) => a.name.localeCompare(b.name));
  return { target: { id: target.id, name: target.name }, moving, sources };
}

/** What a move would do: how many devices, from where, and who gains or loses sight of them. */
export async function previewMove(
  db: Db,
  actor: Actor,
  deviceIds: readonly string[],
  targetCompanyId: string,
): Promise<MovePreview> {
  return db.transaction(async (tx) => previewOf(tx, actor, await planMove(tx, actor, deviceIds, targetCompanyId)));
}

async function previewOf(tx: Queryable, actor: Actor, plan: MovePlan): Promise<MovePreview> {
  const access =
    plan.sources.length > 0
      ? await repo.accessChanges(
          tx,
          actor.accountId,
          plan.sources.map((s) => s.id),
          plan.target.id,
        )
      : { gain: [], gainCount: 0, lose: [], loseCount: 0 };
  return { devices: plan.moving.length, target: plan.target, sources: plan.sources, ...access };
}

/** The plan of moving every device of a company (none moves); the target must be another visible company. */
async function planCompanyMove(tx: Queryable, actor: Actor, companyId: string, targetCompanyId: string) {
  if (targetCompanyId === companyId)
    throw fieldError('targetCompanyId', 'unchanged', 'Choose another company than the one the devices are in.');
  const ids = await repo.deviceIdsOfCompany(tx, actor.accountId, companyId);
  if (ids.length > 0) return planMove(tx, actor, ids, targetCompanyId);
  authorize(actor, 'devices.move');
  const target = await visibleTarget(tx, actor, targetCompanyId);
  return { target: { id: target.id, name: target.name }, moving: [], sources: [] };
}

/** What moving every device of a company would do: the Devices list's preview, for the company page. */
export async function previewCompanyMove(tx: Queryable, actor: Actor, companyId: string, targetCompanyId: string) {
  return previewOf(tx, actor, await planCompanyMove(tx, actor, companyId, targetCompanyId));
}

/**
 * Moves devices to another company, in one transaction, audited once with the companies they
 * came from, how many, and who gained or lost sight of them.
 */
export async function moveDevices(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  deviceIds: readonly string[],
  targetCompanyId: string,
) {
  return db.transaction(async (tx) => {
    const plan = await planMove(tx, actor, deviceIds, targetCompanyId);
    return applyMove(tx, ctx, actor, plan);
  });
}

async function applyMove(tx: Queryable, ctx: RequestContext, actor: Actor, plan: MovePlan) {
  if (plan.moving.length === 0) return { moved: 0, targetCompanyId: plan.target.id };
  const access = await repo.accessChanges(
    tx,
    actor.accountId,
    plan.sources.map((s) => s.id),
    plan.target.id,
  );
  const moved = await repo.moveDevices(
    tx,
    actor.accountId,
    plan.moving.map((d) => d.id),
    plan.target.id,
  );
  await recordAudit(tx, ctx, {
    action: 'device.move',
    objectType: 'company',
    objectId: plan.target.id,
    before: { companies: plan.sources },
    after: {
      companyId: plan.target.id,
      companyName: plan.target.name,
      moved,
      devices: plan.moving.slice(0, 100).map((d) => ({ id: d.id, name: d.name })),
      gained: { count: access.gainCount, users: access.gain.slice(0, 20) },
      lost: { count: access.loseCount, users: access.lose.slice(0, 20) },
    },
  });
  return { moved, targetCompanyId: plan.target.id };
}

/** Every device of a company to another (the company page's move, and before deleting one). */
export async function moveCompanyDevices(
  tx: Queryable,
  ctx: RequestContext,
  actor: Actor,
  companyId: string,
  targetCompanyId: string,
) {
  return applyMove(tx, ctx, actor, await planCompanyMove(tx, actor, companyId, targetCompanyId));
}

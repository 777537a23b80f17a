import {
  moduleNames,
  seatCountField,
  type SeatsOverview,
  type UpdateLicenceBody,
} from '../../../shared/contracts/seats.js';
import { modules, type Module } from '../../../shared/licence.js';
import { roleCan } from '../../../shared/permissions.js';
import { companyFilter, type Actor } from '../../platform/authz.js';
import type { Db, Tx } from '../../platform/db/pool.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { recordEvent } from '../../platform/events/record.js';
import { findUser } from '../users/index.js';
import { presentOverview } from './presenter.js';
import {
  deleteAssignment,
  findAssignment,
  insertAssignment,
  listHolders,
  seatsInUse,
  updateLicence,
  type SeatAssignmentRow,
} from './repository.js';
import { findLicence, type LicenceRow } from '../accounts/index.js';
import { devicesInUse } from '../devices/index.js';

const countsOf = ({ remoteSupportSeats, serviceDeskSeats, deviceLimit }: LicenceRow) => ({
  remoteSupportSeats,
  serviceDeskSeats,
  deviceLimit,
});
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every account has its licence from creation; its absence is a broken invariant, not a client error. */
async function lockedLicence(tx: Tx, accountId: string): Promise<LicenceRow> {
  const licence = await findLicence(tx, accountId, { forUpdate: true });
  if (!licence) throw new Error(`account ${accountId} has no licence row`);
  return licence;
}

/** Licence, usage and holders, as the caller may see them. */
export async function seatsOverview(db: Db, actor: Actor): Promise<SeatsOverview> {
  const [licence, used, devices, holders] = await Promise.all([
    findLicence(db, actor.accountId),
    seatsInUse(db, actor.accountId),
    devicesInUse(db, actor.accountId),
    listHolders(db, actor.accountId, companyFilter(actor)),
  ]);
  if (!licence) throw new Error(`account ${actor.accountId} has no licence row`);
  return presentOverview({ licence, used, devices, holders, canUpdate: roleCan(actor.role, 'seats.update') });
}

/**
 * Changes seat counts and the device limit. A count below what is in use is refused, naming
 * the module, the count asked and the seats in use; nothing is changed then.
 */
export async function changeLicence(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  patch: UpdateLicenceBody,
): Promise<void> {
  await db.transaction(async (tx) => {
    const licence = await lockedLicence(tx, actor.accountId);
    const used = await seatsInUse(tx, actor.accountId);
    for (const module of modules) {
      const asked = patch[seatCountField[module]];
      if (asked !== undefined && asked < used[module]) {
        throw conflict(
          `The ${moduleNames[module]} seat count cannot be ${asked}: ${plural(used[module], 'seat')} ${used[module] === 1 ? 'is' : 'are'} in use. Release seats first.`,
          { reason: 'count_below_use', module, requested: asked, inUse: used[module] },
        );
      }
    }
    if (patch.deviceLimit !== undefined) {
      const devices = await devicesInUse(tx, actor.accountId);
      if (patch.deviceLimit < devices) {
        throw conflict(
          `The device limit cannot be ${patch.deviceLimit}: ${plural(devices, 'device')} ${devices === 1 ? 'is' : 'are'} enrolled. Remove devices first.`,
          { reason: 'device_limit_below_use', requested: patch.deviceLimit, inUse: devices },
        );
      }
    }
    const before = countsOf(licence);
    if (Object.entries(patch).every(([key, value]) => before[key as keyof typeof before] === value)) return;
    const after = countsOf(await updateLicence(tx, actor.accountId, patch));
    await recordAudit(tx, ctx, {
      action: 'licence.update',
      objectType: 'account',
      objectId: actor.accountId,
      before,
      after,
    });
  });
}

export interface AssignResult {
  assignment: SeatAssignmentRow;
  created: boolean;
}

/**
 * Gives a user a seat of a module. The licence row is locked first, so two assignments racing
 * for the last seat are serialised: one gets it, the other is refused. Assigning a seat the
 * user already holds changes nothing and answers the existing assignment.
 */
export async function assignSeat(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  module: Module,
  userId: string,
): Promise<AssignResult> {
  try {
    return await assignSeatInTransaction(db, ctx, actor, module, userId);
  } catch (err) {
    // the refusal rolled its transaction back: the event that alert rules watch is written on its own
    if (err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === 'seats_exhausted') {
      await db.transaction((tx) =>
        recordEvent(tx, {
          accountId: actor.accountId,
          companyId: null,
          type: 'licence.seat_limit_reached',
          subjectId: null,
          payload: { module: moduleNames[module], userId },
        }),
      );
    }
    throw err;
  }
}

async function assignSeatInTransaction(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  module: Module,
  userId: string,
): Promise<AssignResult> {
  return db.transaction(async (tx) => {
    const licence = await lockedLicence(tx, actor.accountId);
    const user = await findUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    const existing = await findAssignment(tx, actor.accountId, userId, module);
    if (existing) return { assignment: existing, created: false };
    const name = moduleNames[module];
    if (user.role === 'viewer') {
      throw conflict(`${user.name} is a viewer: viewers cannot hold a ${name} seat. Make them a technician first.`, {
        reason: 'role_cannot_hold',
        module,
        userId,
      });
    }
    if (user.status === 'disabled') {
      throw conflict(`${user.name} is disabled: a disabled user cannot receive a ${name} seat. Enable them first.`, {
        reason: 'user_disabled',
        module,
        userId,
      });
    }
    const total = licence[seatCountField[module]];
    const used = (await seatsInUse(tx, actor.accountId))[module];
    if (used >= total) {
      throw conflict(
        `All ${plural(total, `${name} seat`)} of the licence are in use. Release a seat or raise the ${name} seat count first.`,
        { reason: 'seats_exhausted', module, seats: total, inUse: used },
      );
    }
    const assignment = await insertAssignment(tx, {
      accountId: actor.accountId,
      userId,
      module,
      assignedBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'seat.assign',
      objectType: 'user',
      objectId: userId,
      after: { module, user: { id: user.id, name: user.name, email: user.email }, seatsInUse: used + 1, seats: total },
    });
    return { assignment, created: true };
  });
}

/** Takes a seat back. A seat the user does not hold, or a user of another account, is a 404. */
export async function releaseSeat(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  module: Module,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockedLicence(tx, actor.accountId);
    const user = await findUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    const released = await deleteAssignment(tx, actor.accountId, userId, module);
    if (!released) throw new AppError('not_found', `${user.name} does not hold a ${moduleNames[module]} seat.`);
    await recordAudit(tx, ctx, {
      action: 'seat.release',
      objectType: 'user',
      objectId: userId,
      before: {
        module,
        user: { id: user.id, name: user.name, email: user.email },
        assignedAt: released.assignedAt.toISOString(),
      },
    });
  });
}

import { moduleNames } from '../../../shared/contracts/seats.js';
import type { Module } from '../../../shared/licence.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { findAssignment } from './repository.js';

/**
 * A user works in a module only while holding a seat of it. Routes of the chat queue (Remote
 * Support) and of the offline-questions inbox (Service Desk) call this after `authorize`:
 * 403 "You need a Remote Support seat to …", with details a client can word itself.
 */
export async function assertSeat(db: Queryable, actor: Actor, module: Module, toDo = 'use this'): Promise<void> {
  if (await findAssignment(db, actor.accountId, actor.userId, module)) return;
  throw new AppError('forbidden', `You need a ${moduleNames[module]} seat to ${toDo}. Ask an administrator.`, { reason: 'seat_required', module });
}

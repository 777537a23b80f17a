import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { deleteUserSessions } from '../auth/index.js';
import { releaseAllSeats } from '../seats/index.js';
import { revokeOpenInvitations } from './invitation-repository.js';
import { revokeAllTokensOf } from '../api-tokens/index.js';
import { updateUser } from '../users/index.js';
import { deleteUserRow, lockActiveAdministrators, lockUser } from './repository.js';

const lastAdministratorMessages = {
  demote:
    'This user is the account’s last active administrator and cannot lose that role. Make another user an active administrator first.',
  disable:
    'This user is the account’s last active administrator and cannot be disabled. Make another user an active administrator first.',
  delete:
    'This user is the account’s last active administrator and cannot be deleted. Make another user an active administrator first.',
} as const;

/**
 * Refuses to remove `userId` from the account's active administrators (locked by the caller
 * with lockActiveAdministrators) when no other would remain: 409, whoever asks, themself included.
 */
export function assertNotLastAdministrator(
  activeAdministrators: readonly string[],
  userId: string,
  change: keyof typeof lastAdministratorMessages,
): void {
  if (activeAdministrators.includes(userId) && activeAdministrators.length <= 1) {
    throw conflict(lastAdministratorMessages[change], { reason: 'last_administrator' });
  }
}

/** Disables a user: they can no longer sign in; their sessions end, their API tokens are revoked, their seats released. */
export async function disableUser(db: Db, ctx: RequestContext, actor: Actor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const admins = await lockActiveAdministrators(tx, actor.accountId);
    const user = await lockUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    if (user.status === 'disabled') return;
    assertNotLastAdministrator(admins, user.id, 'disable');
    const { tokens, invitations, seats } = await disableLockedUser(tx, actor.accountId, userId);
    await recordAudit(tx, ctx, {
      action: 'user.disable',
      objectType: 'user',
      objectId: userId,
      before: { status: user.status, seats },
      after: { status: 'disabled', seats: [], revokedApiTokens: tokens, revokedInvitations: invitations },
    });
  });
}

/**
 * Disables a user whose row the caller locked: they can no longer sign in; their sessions end (and
 * with them their live sockets), their API tokens and open invitations are revoked, their seats released.
 */
export async function disableLockedUser(tx: Queryable, accountId: string, userId: string) {
  await updateUser(tx, accountId, userId, { status: 'disabled' });
  await deleteUserSessions(tx, userId);
  const tokens = await revokeAllTokensOf(tx, accountId, userId);
  const invitations = await revokeOpenInvitations(tx, accountId, userId);
  const seats = await releaseAllSeats(tx, accountId, userId);
  return { tokens, invitations, seats };
}

/** Enables a disabled user: active again, or invited when they never set a password. */
export async function enableUser(db: Db, ctx: RequestContext, actor: Actor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await lockUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    if (user.status !== 'disabled') return;
    const status = user.passwordHash ? 'active' : 'invited';
    await updateUser(tx, actor.accountId, userId, { status });
    await recordAudit(tx, ctx, {
      action: 'user.enable',
      objectType: 'user',
      objectId: userId,
      before: { status: user.status },
      after: { status },
    });
  });
}

/** Deletes a user with their sessions, tokens, access, seats and invitations. */
export async function deleteUser(db: Db, ctx: RequestContext, actor: Actor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const admins = await lockActiveAdministrators(tx, actor.accountId);
    const user = await lockUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    assertNotLastAdministrator(admins, user.id, 'delete');
    await deleteUserSessions(tx, userId);
    await revokeAllTokensOf(tx, actor.accountId, userId);
    await deleteUserRow(tx, actor.accountId, userId);
    await recordAudit(tx, ctx, {
      action: 'user.delete',
      objectType: 'user',
      objectId: userId,
      before: { email: user.email, name: user.name, role: user.role, status: user.status },
    });
  });
}

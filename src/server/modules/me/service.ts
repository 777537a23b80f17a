import type { z } from 'zod';
import type { changePasswordBody, updateMeBody } from '../../../shared/contracts/me.js';
import { isTimeZone } from '../../../shared/locales.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { AppError, fieldError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { revokeAllTokensOf } from '../api-tokens/index.js';
import { assertCurrentPassword, deleteUserSessions } from '../auth/index.js';
import { assertPasswordPolicy } from '../settings/index.js';
import { findUser, updateUser } from '../users/index.js';

export async function updateOwnProfile(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  patch: z.infer<typeof updateMeBody>,
): Promise<void> {
  if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone))
    throw fieldError('timeZone', 'unknown_time_zone', 'Unknown time zone');
  await db.transaction(async (tx) => {
    const user = await findUser(tx, actor.accountId, actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Your user no longer exists.');
    const before = { name: user.name, language: user.language, timeZone: user.timeZone };
    const after = { ...before, ...patch };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await updateUser(tx, actor.accountId, actor.userId, patch);
    await recordAudit(tx, ctx, {
      action: 'user.update_profile',
      objectType: 'user',
      objectId: actor.userId,
      before,
      after,
    });
  });
}

export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof changePasswordBody>,
  keepSession: string | undefined,
): Promise<void> {
  await assertCurrentPassword(db, ctx, actor, body.currentPassword, 'currentPassword');
  await assertPasswordPolicy(db, actor.accountId, body.newPassword, 'newPassword');
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, actor.accountId, actor.userId, { passwordHash });
    const sessionsEnded = await deleteUserSessions(tx, actor.userId, keepSession);
    const tokensRevoked = await revokeAllTokensOf(tx, actor.accountId, actor.userId);
    await recordAudit(tx, ctx, {
      action: 'user.change_password',
      objectType: 'user',
      objectId: actor.userId,
      after: { sessionsEnded, tokensRevoked },
    });
  });
}

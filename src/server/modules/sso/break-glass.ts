import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { loadSettings } from '../settings/index.js';
import { findUser, updateUser } from '../users/index.js';
import { users } from '../users/tables.js';

/** The account's administrators, each with their break-glass mark, and whether single sign-on only is on. */
export async function listBreakGlass(db: Db, actor: Actor) {
  const settings = await loadSettings(db, actor.accountId);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, status: users.status, breakGlass: users.breakGlass })
    .from(users)
    .where(and(eq(users.accountId, actor.accountId), eq(users.role, 'administrator')))
    .orderBy(asc(users.name), asc(users.id));
  return {
    ssoOnly: settings.get('security.ssoOnly'),
    administrators: rows.map(({ status, ...r }) => ({ ...r, active: status === 'active' })),
  };
}

/** Marks (or unmarks) an administrator as break-glass: they keep their password under single sign-on only. */
export async function setBreakGlass(db: Db, ctx: RequestContext, actor: Actor, userId: string, breakGlass: boolean) {
  await db.transaction(async (tx) => {
    const user = await findUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    if (user.role !== 'administrator' && breakGlass) {
      throw fieldError('breakGlass', 'not_applicable', 'Only administrators can be break-glass administrators.');
    }
    if (user.breakGlass === breakGlass) return;
    await updateUser(tx, actor.accountId, userId, { breakGlass });
    await recordAudit(tx, ctx, {
      action: 'user.break_glass',
      objectType: 'user',
      objectId: userId,
      before: { breakGlass: user.breakGlass },
      after: { breakGlass },
    });
  });
}

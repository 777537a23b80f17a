import type { Tx } from '../../platform/db/pool.js';
import { applyGroupAccess } from '../group-mapping/index.js';
import { groupNamesOf } from './group-repository.js';
import type { ScimContext } from './user-service.js';

/**
 * Makes each user's role and companies follow the SCIM groups they are now in, through the account's group
 * rules (group-mapping), in the caller's transaction: no rules — nothing changes; no rule matches — the user
 * is disabled; the last active administrator is kept as they are.
 */
export async function applyGroupRules(tx: Tx, ctx: ScimContext, userIds: readonly string[]): Promise<void> {
  for (const userId of [...userIds].sort()) {
    const groups = await groupNamesOf(tx, ctx.accountId, userId);
    await applyGroupAccess(tx, ctx, { accountId: ctx.accountId, userId, groups, source: 'scim' });
  }
}

import type { Account } from '../../../shared/contracts/accounts.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { loadPresentedAccount } from './presenter.js';
import { findAccount, renameAccount } from './repository.js';

/** Renames the actor's account, audited; answers the account as it is after, read in the same transaction. */
export async function renameCurrentAccount(db: Db, ctx: RequestContext, actor: Actor, name: string): Promise<Account> {
  return db.transaction(async (tx) => {
    const before = await findAccount(tx, actor.accountId);
    const after = await renameAccount(tx, actor.accountId, name);
    await recordAudit(tx, ctx, {
      action: 'account.update',
      objectType: 'account',
      objectId: after.id,
      before: { name: before?.name ?? '' },
      after: { name: after.name },
    });
    return loadPresentedAccount(tx, after.id);
  });
}

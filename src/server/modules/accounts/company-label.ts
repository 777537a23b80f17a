import type { Account, CompanyLabel } from '../../../shared/contracts/accounts.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { loadStoredSettings, upsertAccountSetting } from '../settings/index.js';
import { loadPresentedAccount } from './presenter.js';
import { lockAccount } from '../../platform/tenancy/account-lock.js';

const labelKey = 'general.companyLabel';

/** general.companyLabel, a setting like the others (with its history), set from the Companies page. */
export async function setCompanyLabel(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  label: CompanyLabel | null,
): Promise<Account> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const stored = (await loadStoredSettings(tx, actor.accountId, [])).account.get(labelKey);
    const before = { value: stored?.value ?? null, locked: stored?.locked ?? false };
    const after = { value: label, locked: before.locked };
    await upsertAccountSetting(tx, actor.accountId, labelKey, { value: label });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, ctx, {
        action: 'setting.update',
        objectType: 'setting',
        objectId: labelKey,
        before,
        after,
      });
    }
    return loadPresentedAccount(tx, actor.accountId);
  });
}

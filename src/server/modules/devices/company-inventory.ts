import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { fieldError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { requireCompany } from '../companies/index.js';
import { deleteCompanyDevices } from './repository.js';
import { moveCompanyDevices, previewCompanyMove } from './service.js';

/** Every device of a company to another: the move of the Devices list, audited with who gains and loses sight. */
export async function moveAllDevices(db: Db, ctx: RequestContext, actor: Actor, id: string, targetCompanyId: string) {
  return db.transaction(async (tx) => {
    await requireCompany(tx, actor, id, 'devices.move', { lock: true });
    return moveCompanyDevices(tx, ctx, actor, id, targetCompanyId);
  });
}

/** What moving every device of a company would do (nothing moves): who gains and loses sight of them. */
export async function previewMoveAll(db: Db, actor: Actor, id: string, targetCompanyId: string) {
  return db.transaction(async (tx) => {
    await requireCompany(tx, actor, id, 'devices.move');
    return previewCompanyMove(tx, actor, id, targetCompanyId);
  });
}

/** Deletes every device of a company, once its name is typed exactly. */
export async function clearInventory(db: Db, ctx: RequestContext, actor: Actor, id: string, confirmName: string) {
  return db.transaction(async (tx) => {
    const company = await requireCompany(tx, actor, id, 'devices.clear', { lock: true });
    if (confirmName !== company.name)
      throw fieldError(
        'confirmName',
        'confirmation_mismatch',
        'Type the name of the company exactly as it is written.',
      );
    const deleted = await deleteCompanyDevices(tx, actor.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'company.clear_inventory',
      objectType: 'company',
      objectId: id,
      before: { name: company.name },
      after: { deleted },
    });
    return { deleted };
  });
}

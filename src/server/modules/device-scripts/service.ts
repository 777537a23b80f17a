import type { z } from 'zod';
import type { CreateScript, Script, updateScriptBody } from '../../../shared/contracts/device-scripts.js';
import { roleCan } from '../../../shared/permissions.js';
import { authorize, companyFilter, hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { requireCompany } from '../companies/index.js';
import * as repo from './repository.js';

/**
 * Who may see, change and run a script: whoever may control devices (`devices.control`) of its
 * company; an account-wide script is changed only by who sees every company (it runs on all of them),
 * and run by anyone who may control devices (on the devices they can reach).
 */
export function visibleScript(actor: Actor, row: repo.ScriptRow | null): row is repo.ScriptRow {
  if (!row || row.accountId !== actor.accountId) return false;
  return row.companyId === null || hasCompanyAccess(actor, row.companyId);
}

const mayChange = (actor: Actor, row: Pick<repo.ScriptRow, 'companyId'>) =>
  roleCan(actor.role, 'devices.control') && (row.companyId !== null || actor.allCompanies);

export function presentScript(actor: Actor, row: repo.ScriptRow): Script {
  const change = mayChange(actor, row);
  return {
    id: row.id,
    companyId: row.companyId,
    companyName: row.companyName,
    name: row.name,
    shell: row.shell,
    body: row.body,
    timeoutSeconds: row.timeoutSeconds,
    updatedAt: row.updatedAt.toISOString(),
    abilities: { update: change, delete: change, run: roleCan(actor.role, 'devices.control') },
  };
}

const auditView = (s: Script) => ({
  companyId: s.companyId,
  name: s.name,
  shell: s.shell,
  body: s.body,
  timeoutSeconds: s.timeoutSeconds,
});

export async function listScripts(db: Queryable, actor: Actor): Promise<Script[]> {
  authorize(actor, 'devices.control');
  const rows = await repo.listScripts(db, actor.accountId, companyFilter(actor));
  return rows.map((row) => presentScript(actor, row));
}

/** A script the actor can see (404 otherwise: another account's, another company's, missing). */
export async function requireScript(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.ScriptRow> {
  const row = await repo.findScript(db, actor.accountId, id, options);
  if (!visibleScript(actor, row)) throw notFound('This script');
  return row;
}

export async function getScript(db: Queryable, actor: Actor, id: string): Promise<Script> {
  const row = await requireScript(db, actor, id);
  authorize(actor, 'devices.control');
  return presentScript(actor, row);
}

export async function createScript(db: Db, ctx: RequestContext, actor: Actor, body: CreateScript): Promise<Script> {
  return db.transaction(async (tx) => {
    let companyName: string | null = null;
    if (body.companyId) companyName = (await requireCompany(tx, actor, body.companyId)).name;
    authorize(actor, 'devices.control');
    if (!mayChange(actor, { companyId: body.companyId }))
      throw forbidden('Only someone who sees every company can save a script for the whole account.');
    const row = await repo.insertScript(tx, {
      accountId: actor.accountId,
      companyId: body.companyId,
      name: body.name,
      shell: body.shell,
      body: body.body,
      timeoutSeconds: body.timeoutSeconds,
    });
    const presented = presentScript(actor, { ...row, companyName });
    await recordAudit(tx, ctx, {
      action: 'script.create',
      objectType: 'script',
      objectId: row.id,
      after: auditView(presented),
    });
    return presented;
  });
}

async function changeable(tx: Queryable, actor: Actor, id: string): Promise<repo.ScriptRow> {
  const row = await requireScript(tx, actor, id, { forUpdate: true });
  authorize(actor, 'devices.control');
  if (!mayChange(actor, row))
    throw forbidden('Only someone who sees every company can change a script of the whole account.');
  return row;
}

export async function updateScript(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: z.infer<typeof updateScriptBody>,
): Promise<Script> {
  return db.transaction(async (tx) => {
    const before = await changeable(tx, actor, id);
    const row = await repo.updateScript(tx, before.id, patch);
    const presented = presentScript(actor, { ...row, companyName: before.companyName });
    await recordAudit(tx, ctx, {
      action: 'script.update',
      objectType: 'script',
      objectId: row.id,
      before: auditView(presentScript(actor, before)),
      after: auditView(presented),
    });
    return presented;
  });
}

export async function deleteScript(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await changeable(tx, actor, id);
    await repo.deleteScript(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'script.delete',
      objectType: 'script',
      objectId: row.id,
      before: auditView(presentScript(actor, row)),
    });
  });
}

import type { Db, Tx } from '../../platform/db/pool.js';
import { recordAudit } from '../audit/index.js';
import { listResponse } from './discovery.js';
import { invalidValue, scimNotFound } from './errors.js';
import { parseGroupFilter } from './filter.js';
import { applyGroupRules } from './group-access.js';
import {
  deleteScimGroupRow,
  findScimGroup,
  insertScimGroup,
  listScimGroups,
  setScimGroupMembers,
  updateScimGroup,
  usersOfAccount,
  type ScimGroupRecord,
} from './group-repository.js';
import { patchScimGroup, presentScimGroup, readScimGroup, type ScimGroupInput } from './group-resource.js';
import { pageOf, type PageQuery } from './paging.js';
import { readPatch } from './patch.js';
import { translatingUniqueness } from './unique.js';
import type { ScimContext } from './user-service.js';
import type { Json } from './values.js';

const nameIndex = 'scim_groups_account_name_key';
const takenMessage = 'A group with this displayName already exists in the account.';

/** GET /Groups: the filter's matches, one page; `excludedAttributes=members` (Entra ID) leaves members out. */
export async function listGroups(
  db: Db,
  ctx: ScimContext,
  query: PageQuery & { excludedAttributes?: string },
  baseUrl: string,
): Promise<Json> {
  const conditions = parseGroupFilter(query.filter);
  const { startIndex, count } = pageOf(query);
  const withMembers = !/\bmembers\b/i.test(query.excludedAttributes ?? '');
  const { total, groups } = await listScimGroups(db, ctx.accountId, conditions, startIndex - 1, count, withMembers);
  return listResponse(
    groups.map((g) => presentScimGroup(g, baseUrl, withMembers)),
    total,
    startIndex,
  );
}

export async function getGroup(
  db: Db,
  ctx: ScimContext,
  id: string,
  baseUrl: string,
  withMembers = true,
): Promise<Json> {
  const group = await findScimGroup(db, ctx.accountId, id);
  if (!group) throw scimNotFound('This group');
  return presentScimGroup(group, baseUrl, withMembers);
}

/** Refuses members that are not users of the account (another account's ids included). */
async function assertMembers(tx: Tx, ctx: ScimContext, ids: string[]): Promise<void> {
  const known = await usersOfAccount(tx, ctx.accountId, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw invalidValue(`These members are not users of the account: ${unknown.join(', ')}.`);
}

const auditedGroup = (g: ScimGroupInput) => ({
  displayName: g.displayName,
  externalId: g.externalId,
  members: g.memberIds,
});

/**
 * Stores what a group becomes and, in the same transaction, applies the group rules to every user whose
 * groups changed: members added or removed, and every member when the group's name changed.
 */
async function store(
  tx: Tx,
  ctx: ScimContext,
  before: ScimGroupRecord | null,
  next: ScimGroupInput,
  action: string,
): Promise<string> {
  await assertMembers(tx, ctx, next.memberIds);
  const id = await translatingUniqueness(nameIndex, takenMessage, async () => {
    if (!before) return (await insertScimGroup(tx, { accountId: ctx.accountId, ...next })).id;
    await updateScimGroup(tx, ctx.accountId, before.id, next);
    return before.id;
  });
  const previous = before?.members.map((m) => m.id) ?? [];
  await setScimGroupMembers(tx, ctx.accountId, id, next.memberIds);
  const renamed = before !== null && before.displayName !== next.displayName;
  const affected = renamed
    ? new Set([...previous, ...next.memberIds])
    : new Set([
        ...next.memberIds.filter((m) => !previous.includes(m)),
        ...previous.filter((m) => !next.memberIds.includes(m)),
      ]);
  await recordAudit(tx, ctx, {
    action,
    objectType: 'scim_group',
    objectId: id,
    before: before ? auditedGroup({ ...before, memberIds: previous }) : undefined,
    after: auditedGroup(next),
  });
  await applyGroupRules(tx, ctx, [...affected]);
  return id;
}

export async function createGroup(db: Db, ctx: ScimContext, body: Json, baseUrl: string): Promise<Json> {
  const input = readScimGroup(body);
  return db.transaction(async (tx) => {
    const id = await store(tx, ctx, null, input, 'scim.group.create');
    return getGroupIn(tx, ctx, id, baseUrl);
  });
}

async function getGroupIn(tx: Tx, ctx: ScimContext, id: string, baseUrl: string): Promise<Json> {
  const group = await findScimGroup(tx, ctx.accountId, id);
  if (!group) throw scimNotFound('This group');
  return presentScimGroup(group, baseUrl);
}

async function lockedGroup(tx: Tx, ctx: ScimContext, id: string): Promise<ScimGroupRecord> {
  const group = await findScimGroup(tx, ctx.accountId, id, true);
  if (!group) throw scimNotFound('This group');
  return group;
}

export async function replaceGroup(db: Db, ctx: ScimContext, id: string, body: Json, baseUrl: string): Promise<Json> {
  const input = readScimGroup(body);
  return db.transaction(async (tx) => {
    const before = await lockedGroup(tx, ctx, id);
    await store(tx, ctx, before, input, 'scim.group.replace');
    return getGroupIn(tx, ctx, id, baseUrl);
  });
}

/** PATCH /Groups/{id}; answers the group, or nothing (204) when its members were not asked for. */
export async function patchGroup(db: Db, ctx: ScimContext, id: string, body: Json, baseUrl: string): Promise<Json> {
  const operations = readPatch(body);
  return db.transaction(async (tx) => {
    const before = await lockedGroup(tx, ctx, id);
    const next = patchScimGroup(
      { displayName: before.displayName, externalId: before.externalId, memberIds: before.members.map((m) => m.id) },
      operations,
    );
    await store(tx, ctx, before, next, 'scim.group.update');
    return getGroupIn(tx, ctx, id, baseUrl);
  });
}

/** DELETE /Groups/{id}: its former members' access follows the rules without it. */
export async function deleteGroup(db: Db, ctx: ScimContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedGroup(tx, ctx, id);
    await deleteScimGroupRow(tx, ctx.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'scim.group.delete',
      objectType: 'scim_group',
      objectId: id,
      before: auditedGroup({ ...before, memberIds: before.members.map((m) => m.id) }),
    });
    await applyGroupRules(
      tx,
      ctx,
      before.members.map((m) => m.id),
    );
  });
}

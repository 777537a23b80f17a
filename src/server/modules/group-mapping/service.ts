import type {
  CreateGroupRule,
  GroupDecision,
  GroupRule,
  UpdateGroupRule,
} from '../../../shared/contracts/group-rules.js';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, fieldProblem, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { applyDirectoryAccess, resolveCompanyAccess } from '../user-admin/index.js';
import { decide } from './decide.js';
import * as rules from './repository.js';

/** What these group names (compared without regard to case) grant in the account: one statement. */
export async function decideFromGroups(
  db: Queryable,
  accountId: string,
  groups: readonly string[],
): Promise<GroupDecision> {
  const { ruleCount, matching } = await rules.rulesForGroups(db, accountId, groups);
  return decide(ruleCount, matching);
}

/**
 * Makes a user's role and companies follow their groups, in the caller's transaction: `granted`
 * sets role and companies (and enables again a user the rules had disabled); `no_match` disables
 * the user (their sessions and live sockets end); `off` changes nothing. The account's last active
 * administrator is never demoted or disabled (user-admin's rule).
 */
export async function applyGroupAccess(
  tx: Queryable,
  ctx: RequestContext,
  input: { accountId: string; userId: string; groups: readonly string[]; source: 'oidc' | 'scim' },
): Promise<GroupDecision & { changed: boolean }> {
  const decision = await decideFromGroups(tx, input.accountId, input.groups);
  if (decision.mapping === 'off') return { ...decision, changed: false };
  const common = { accountId: input.accountId, userId: input.userId, source: input.source, groups: input.groups };
  if (decision.mapping === 'no_match') {
    const result = await applyDirectoryAccess(tx, ctx, { ...common, access: 'none', enableAs: null });
    if (result.disabled && result.statusBefore !== 'disabled')
      await rules.markDisabledByRules(tx, input.accountId, input.userId, result.statusBefore);
    return { ...decision, changed: result.changed };
  }
  const enableAs = await rules.forgetDisabledByRules(tx, input.userId);
  const result = await applyDirectoryAccess(tx, ctx, { ...common, access: decision, enableAs });
  return { ...decision, changed: result.changed };
}

const present = (row: rules.GroupRuleRow): GroupRule => ({
  id: row.id,
  groupName: row.groupName,
  role: row.role,
  allCompanies: row.allCompanies || row.role === 'administrator',
  companies: row.allCompanies || row.role === 'administrator' ? [] : row.companies,
  updatedAt: row.updatedAt.toISOString(),
});

export async function listRules(db: Db, actor: Actor): Promise<GroupRule[]> {
  return (await rules.listRules(db, actor.accountId)).map(present);
}

const nameTakenMessage = 'Another rule names this group. Change that rule instead.';
const nameTaken = () =>
  new AppError('conflict', nameTakenMessage, [fieldProblem('groupName', 'taken', nameTakenMessage)]);

/** The companies a rule grants: the account's (another account's or a deleted one is a field problem). */
const checkedCompanies = (
  tx: Queryable,
  accountId: string,
  access: { role: GroupRule['role']; allCompanies: boolean; companyIds: readonly string[] },
) => resolveCompanyAccess(tx, accountId, access.role, access.allCompanies ? 'all' : access.companyIds);

const auditAccess = (row: {
  groupName: string;
  role: string;
  allCompanies: boolean;
  companyIds: readonly string[];
}) => ({
  groupName: row.groupName,
  role: row.role,
  companyAccess: row.allCompanies || row.role === 'administrator' ? 'all' : [...row.companyIds].sort(),
});

export async function createRule(db: Db, ctx: RequestContext, actor: Actor, body: CreateGroupRule): Promise<GroupRule> {
  const id = await db.transaction(async (tx) => {
    if (await rules.groupNameTaken(tx, actor.accountId, body.groupName)) throw nameTaken();
    const access = await checkedCompanies(tx, actor.accountId, body);
    const ruleId = await rules.insertRule(tx, {
      accountId: actor.accountId,
      groupName: body.groupName,
      role: body.role,
      allCompanies: access.allCompanies,
    });
    await rules.replaceRuleCompanies(tx, actor.accountId, ruleId, access.companyIds);
    await recordAudit(tx, ctx, {
      action: 'group_rule.create',
      objectType: 'group_rule',
      objectId: ruleId,
      after: auditAccess({ ...body, ...access }),
    });
    return ruleId;
  });
  return present((await rules.findRule(db, actor.accountId, id))!);
}

export async function updateRule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  body: UpdateGroupRule,
): Promise<GroupRule> {
  await db.transaction(async (tx) => {
    const rule = await rules.findRule(tx, actor.accountId, id, { forUpdate: true });
    if (!rule) throw notFound('This rule');
    const groupName = body.groupName ?? rule.groupName;
    if (body.groupName !== undefined && (await rules.groupNameTaken(tx, actor.accountId, groupName, id)))
      throw nameTaken();
    const role = body.role ?? rule.role;
    const before = {
      groupName: rule.groupName,
      role: rule.role,
      allCompanies: rule.allCompanies,
      companyIds: rule.companies.map((c) => c.id),
    };
    const access = await checkedCompanies(tx, actor.accountId, {
      role,
      allCompanies: body.allCompanies ?? (body.companyIds !== undefined ? false : rule.allCompanies),
      companyIds: body.companyIds ?? before.companyIds,
    });
    const after = { groupName, role, ...access };
    if (JSON.stringify(auditAccess(before)) === JSON.stringify(auditAccess(after))) return;
    await rules.updateRule(tx, id, { groupName, role, allCompanies: access.allCompanies });
    await rules.replaceRuleCompanies(tx, actor.accountId, id, access.companyIds);
    await recordAudit(tx, ctx, {
      action: 'group_rule.update',
      objectType: 'group_rule',
      objectId: id,
      before: auditAccess(before),
      after: auditAccess(after),
    });
  });
  return present((await rules.findRule(db, actor.accountId, id))!);
}

export async function deleteRule(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rule = await rules.findRule(tx, actor.accountId, id, { forUpdate: true });
    if (!rule) throw notFound('This rule');
    await rules.deleteRule(tx, id);
    await recordAudit(tx, ctx, {
      action: 'group_rule.delete',
      objectType: 'group_rule',
      objectId: id,
      before: auditAccess({ ...rule, companyIds: rule.companies.map((c) => c.id) }),
    });
  });
}

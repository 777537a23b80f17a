import { z } from 'zod';
import type {
  AlertRule,
  AlertTestResult,
  CreateAlertRuleBody,
  UpdateAlertRuleBody,
} from '../../../shared/contracts/alerts.js';
import { accountWideEvents, delayedEvents, type AlertEvent } from '../../../shared/contracts/alerts.js';
import { roleCan } from '../../../shared/permissions.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { checkedCompanies } from '../companies/index.js';
import { contactsByIds } from '../contacts/index.js';
import {
  clearOpenConditions,
  deleteRuleRow,
  findRule,
  insertRule,
  listRules,
  methodStatesOf,
  replaceRuleCompanies,
  replaceRuleRecipients,
  setRuleAllCompanies,
  updateRuleRow,
  type AlertRuleFull,
} from './repository.js';
import { sendAlert } from './send.js';

export function presentRule(r: AlertRuleFull, actor: Actor): AlertRule {
  const manage = roleCan(actor.role, 'alerts.manage');
  return {
    id: r.id,
    name: r.name,
    event: r.event,
    allCompanies: r.allCompanies,
    companies: r.companies,
    delayMinutes: r.delayMinutes,
    recipients: r.recipients.map((x) => ({
      contactId: x.contactId,
      name: x.name,
      methodTypes: x.methodTypes as ('email' | 'sms' | 'phone')[],
    })),
    urgent: r.urgent,
    enabled: r.enabled,
    openConditions: r.openConditions,
    lastFiredAt: r.lastFiredAt?.toISOString() ?? null,
    abilities: { update: manage, delete: manage, test: manage },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const auditView = (r: AlertRuleFull) => ({
  name: r.name,
  event: r.event,
  companies: r.allCompanies ? 'all' : r.companies.map((c) => c.id),
  delayMinutes: r.delayMinutes,
  recipients: r.recipients.map((x) => ({ contactId: x.contactId, methodTypes: x.methodTypes })),
  urgent: r.urgent,
  enabled: r.enabled,
});

/** A page of the rules the actor may see, by name, with the cursor of the next. */
export async function listRulesPage(db: Queryable, actor: Actor, query: { limit: number; cursor?: string }) {
  const rows = await listRules(db, actor.accountId, companyFilter(actor), {
    limit: query.limit,
    after: decodeCursor(query.cursor, z.tuple([cursorPart.text, cursorPart.id])),
  });
  return splitPage(rows, query.limit, (last) => [last.sortName, last.id]);
}

async function visibleRule(db: Queryable, actor: Actor, id: string, forUpdate = false): Promise<AlertRuleFull> {
  const rule = await findRule(db, actor.accountId, id, companyFilter(actor), { forUpdate });
  if (!rule) throw notFound('This alert rule');
  return rule;
}

async function checkedRecipients(tx: Queryable, accountId: string, recipients: CreateAlertRuleBody['recipients']) {
  const ids = recipients.map((r) => r.contactId);
  const found = new Set((await contactsByIds(tx, accountId, ids)).map((c) => c.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(`recipients.${missing}.contactId`, 'not_found', 'This contact does not exist.');
  if (new Set(ids).size !== ids.length) throw fieldError('recipients', 'duplicate', 'Each contact once.');
  // a rule must be able to reach each recipient by every kind chosen: a kind with no verified method is refused
  const methods = await methodStatesOf(tx, ids);
  for (const [index, r] of recipients.entries())
    for (const type of r.methodTypes)
      if (!methods.some((m) => m.contactId === r.contactId && m.type === type && m.deliverable))
        throw fieldError(
          `recipients.${index}.methodTypes`,
          'unverified_method',
          `This contact has no verified, enabled ${type} method: verify it first, or choose another method.`,
        );
  return recipients;
}

/** Why a rule reaches none of a recipient's chosen kinds: per contact and kind, unverified, disabled or missing. */
function unreachedOf(
  rule: AlertRuleFull,
  methods: Awaited<ReturnType<typeof methodStatesOf>>,
): AlertTestResult['unreached'] {
  return rule.recipients.flatMap((r) =>
    r.methodTypes.flatMap((type) => {
      const own = methods.filter((m) => m.contactId === r.contactId && m.type === type);
      if (own.some((m) => m.deliverable)) return [];
      const reason = own.length === 0 ? 'missing' : own.some((m) => m.enabled) ? 'unverified' : 'disabled';
      return [{ contactId: r.contactId, name: r.name, methodType: type as 'email' | 'sms' | 'phone', reason }];
    }),
  );
}

/** Seat limits and sign-ins belong to no company: a rule for them watches the whole account. */
function assertCompaniesFit(event: AlertEvent, companyIds: 'all' | readonly string[] | undefined): void {
  if (accountWideEvents.includes(event) && companyIds !== undefined && companyIds !== 'all') {
    throw fieldError(
      'companyIds',
      'not_applicable',
      'This event concerns the whole account, not one company: a rule for it applies to every company.',
    );
  }
}

export async function createRule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: CreateAlertRuleBody,
): Promise<AlertRule> {
  authorize(actor, 'alerts.manage');
  assertCompaniesFit(body.event, body.companyIds);
  const id = await db.transaction(async (tx) => {
    const companies = await checkedCompanies(tx, actor.accountId, body.companyIds);
    const recipients = await checkedRecipients(tx, actor.accountId, body.recipients);
    const row = await insertRule(tx, {
      accountId: actor.accountId,
      name: body.name,
      event: body.event,
      allCompanies: companies.all,
      delayMinutes: delayedEvents.includes(body.event) ? body.delayMinutes : 0,
      urgent: body.urgent,
      enabled: body.enabled,
      createdBy: actor.userId,
    });
    await replaceRuleCompanies(tx, actor.accountId, row.id, companies.ids);
    await replaceRuleRecipients(tx, actor.accountId, row.id, recipients);
    const created = await visibleRule(tx, actor, row.id);
    await recordAudit(tx, ctx, {
      action: 'alert_rule.create',
      objectType: 'alert_rule',
      objectId: row.id,
      after: auditView(created),
    });
    return row.id;
  });
  return presentRule(await visibleRule(db, actor, id), actor);
}

export async function updateRule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: UpdateAlertRuleBody,
): Promise<AlertRule> {
  await db.transaction(async (tx) => {
    const rule = await visibleRule(tx, actor, id, true);
    authorize(actor, 'alerts.manage');
    const event = patch.event ?? rule.event;
    assertCompaniesFit(event, patch.companyIds);
    // a rule turned to an account-wide event watches the whole account from now on
    const companyIds = accountWideEvents.includes(event) && !rule.allCompanies ? 'all' : patch.companyIds;
    if (companyIds !== undefined) {
      const companies = await checkedCompanies(tx, actor.accountId, companyIds);
      await setRuleAllCompanies(tx, id, companies.all);
      await replaceRuleCompanies(tx, actor.accountId, id, companies.ids);
    }
    if (patch.recipients !== undefined)
      await replaceRuleRecipients(
        tx,
        actor.accountId,
        id,
        await checkedRecipients(tx, actor.accountId, patch.recipients),
      );
    await updateRuleRow(tx, actor.accountId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      event,
      delayMinutes: delayedEvents.includes(event) ? (patch.delayMinutes ?? rule.delayMinutes) : 0,
      ...(patch.urgent !== undefined ? { urgent: patch.urgent } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    });
    if (event !== rule.event || patch.enabled === false) await clearOpenConditions(tx, id);
    const after = await visibleRule(tx, actor, id);
    if (JSON.stringify(auditView(rule)) !== JSON.stringify(auditView(after))) {
      await recordAudit(tx, ctx, {
        action: 'alert_rule.update',
        objectType: 'alert_rule',
        objectId: id,
        before: auditView(rule),
        after: auditView(after),
      });
    }
  });
  return presentRule(await visibleRule(db, actor, id), actor);
}

export async function deleteRule(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rule = await visibleRule(tx, actor, id, true);
    authorize(actor, 'alerts.manage');
    await deleteRuleRow(tx, actor.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'alert_rule.delete',
      objectType: 'alert_rule',
      objectId: id,
      before: auditView(rule),
    });
  });
}

/** "Send test alert": a test message to every recipient, by the rule's methods, at once (quiet hours aside). */
export async function testRule(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<AlertTestResult> {
  return db.transaction(async (tx) => {
    const rule = await visibleRule(tx, actor, id, true);
    authorize(actor, 'alerts.manage');
    const messages = await sendAlert(tx, rule, { companyId: null, payload: {}, subjectId: null, at: now }, 'test', now);
    const unreached = unreachedOf(
      rule,
      await methodStatesOf(
        tx,
        rule.recipients.map((r) => r.contactId),
      ),
    );
    await recordAudit(tx, ctx, {
      action: 'alert_rule.test',
      objectType: 'alert_rule',
      objectId: id,
      after: { messages },
    });
    return { messages, unreached };
  });
}

export { visibleRule as getRuleFull };

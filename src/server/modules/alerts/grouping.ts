import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../../platform/db/pool.js';
import { sendJob } from '../../platform/jobs/send.js';
import { queues } from '../../platform/jobs/queues.js';
import { loadSettings } from '../settings/index.js';
import {
  companyNames,
  firingsOfGroup,
  insertFiring,
  lockDueGroups,
  markGroupSent,
  openGroupOf,
  recipientsOfRules,
  windowInForce,
  type AlertFiringRow,
} from './firing-repository.js';
import { consoleLink, countIn, emailList, eventName, shortList, timeFor } from './messages.js';
import { takeSlot } from './rate-limit.js';
import { singleParams, subjectOf, writeAlertMessage, type AlertOccurrence, type AlertRuleRow } from './send.js';

/**
 * What one pass of the engine has looked up already: the maintenance window of each company and
 * each account's grouping window, so a storm of ten thousand firings reads each once.
 */
export interface FiringPass {
  now: Date;
  windows: Map<string, Promise<{ id: string; mode: 'hold' | 'drop' } | null>>;
  groupSeconds: Map<string, Promise<number>>;
  /** the open group of each rule and kind joined in this transaction (locked by it) */
  groups: Map<string, { id: string; dueAt: Date }>;
}

export const newPass = (now: Date): FiringPass => ({
  now,
  windows: new Map(),
  groupSeconds: new Map(),
  groups: new Map(),
});

export type FiringState = 'grouped' | 'held' | 'dropped';

/**
 * An alert (or recovery) fired: recorded in the history, then held or dropped when a maintenance
 * window of its company is in force, otherwise added to its rule's open group, which is messaged
 * once when its window (`notifications.alertGroupSeconds` from the first firing) ends.
 */
export async function recordFiring(
  tx: Queryable,
  pass: FiringPass,
  rule: AlertRuleRow,
  occurrence: AlertOccurrence,
  kind: 'alert' | 'recovery',
  subjectKey: string | null,
): Promise<FiringState> {
  const { now } = pass;
  const companyId = occurrence.companyId;
  let window: { id: string; mode: 'hold' | 'drop' } | null = null;
  if (companyId) {
    const key = `${rule.accountId}:${companyId}`;
    if (!pass.windows.has(key)) pass.windows.set(key, windowInForce(tx, rule.accountId, companyId, now));
    window = (await pass.windows.get(key)) ?? null;
  }
  const base = {
    accountId: rule.accountId,
    ruleId: rule.id,
    kind,
    companyId,
    subjectKey,
    subject: subjectOf(rule.event, occurrence),
    occurredAt: occurrence.at,
    firedAt: now,
  };
  if (window) {
    const state = window.mode === 'hold' ? 'held' : 'dropped';
    await insertFiring(tx, { ...base, state, maintenanceWindowId: window.id });
    return state;
  }
  const groupKey = `${rule.id}:${kind}`;
  let group = pass.groups.get(groupKey);
  if (!group) {
    if (!pass.groupSeconds.has(rule.accountId))
      pass.groupSeconds.set(
        rule.accountId,
        loadSettings(tx, rule.accountId).then((s) => s.get('notifications.alertGroupSeconds')),
      );
    const seconds = await pass.groupSeconds.get(rule.accountId)!;
    const found = await openGroupOf(tx, {
      accountId: rule.accountId,
      ruleId: rule.id,
      kind,
      openedAt: now,
      dueAt: new Date(now.getTime() + seconds * 1000),
    });
    group = { id: found.group.id, dueAt: found.group.dueAt };
    pass.groups.set(groupKey, group);
    // a tick when the window ends, so the message is not up to a minute late (the cron stays the safety net)
    if (found.opened) await sendJob(tx, queues.alertsTick, {}, { startAfter: group.dueAt });
  }
  await insertFiring(tx, { ...base, state: 'grouped', groupId: group.id });
  return 'grouped';
}

/**
 * Messages the groups whose window ended: for each recipient and method of the rule, one message
 * listing the firings of the companies the contact hears about — the one-alert text when there is
 * one, else a count, the first names and the console link — unless the method's rate limit is
 * reached (then counted for its summary). Returns the number of groups handled.
 */
export async function flushDueGroups(tx: Queryable, now: Date, publicUrl: string, limit = 100): Promise<number> {
  const due = await lockDueGroups(tx, now, limit);
  const limits = new Map<string, number>();
  for (const { group, rule } of due) {
    await markGroupSent(tx, group.id, now);
    if (!rule.enabled) continue;
    const firings = await firingsOfGroup(tx, group.id);
    if (firings.length === 0) continue;
    if (!limits.has(rule.accountId))
      limits.set(rule.accountId, (await loadSettings(tx, rule.accountId)).get('notifications.alertMessagesPerHour'));
    const perHour = limits.get(rule.accountId)!;
    const names = await companyNames(tx, [...new Set(firings.flatMap((f) => (f.companyId ? [f.companyId] : [])))]);
    for (const recipient of await recipientsOfRules(tx, [rule.id])) {
      const visible = firings.filter(
        (f) => !f.companyId || !recipient.companies || recipient.companies.has(f.companyId),
      );
      if (visible.length === 0) continue;
      const slot = await takeSlot(tx, recipient, rule, visible.length, now, perHour, publicUrl);
      if (!slot) continue;
      await writeAlertMessage(tx, recipient, groupMessage(rule, group.kind, visible, names, recipient, now, publicUrl));
    }
  }
  return due.length;
}

function groupMessage(
  rule: AlertRuleRow,
  kind: string,
  firings: AlertFiringRow[],
  names: Map<string, string>,
  recipient: Parameters<typeof writeAlertMessage>[1],
  now: Date,
  publicUrl: string,
) {
  const language = recipient.contact.language as Language;
  const common = {
    accountId: rule.accountId,
    kind: `alert_${kind}`,
    urgent: rule.urgent,
    now,
  };
  const companyOf = (f: AlertFiringRow) => (f.companyId ? (names.get(f.companyId) ?? '') : '');
  if (firings.length === 1) {
    const f = firings[0]!;
    return {
      ...common,
      template: `alertsMail.${kind === 'recovery' ? 'recovery' : 'event'}.${rule.event}`,
      params: singleParams(rule, f.subject, companyOf(f), f.occurredAt, recipient.contact),
      metadata: { ruleId: rule.id, event: rule.event, count: 1 },
    };
  }
  const first = firings[0]!.occurredAt;
  const last = firings[firings.length - 1]!.occurredAt;
  const link = consoleLink(
    publicUrl,
    rule.event,
    kind,
    firings.map((f) => f.companyId),
  );
  return {
    ...common,
    template: 'alertsMail.grouped',
    params: {
      rule: rule.name,
      event: eventName(language, rule.event, kind),
      count: countIn(language, firings.length),
      from: timeFor(first, language, recipient.contact.timeZone),
      to: timeFor(last, language, recipient.contact.timeZone),
      list: emailList(
        language,
        firings.map((f) => (companyOf(f) ? `${f.subject} (${companyOf(f)})` : f.subject)),
      ),
      names: shortList(
        language,
        firings.map((f) => f.subject),
      ),
      link,
    },
    actionUrl: link,
    metadata: { ruleId: rule.id, event: rule.event, count: firings.length },
  };
}

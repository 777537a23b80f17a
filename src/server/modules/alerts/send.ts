import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../../platform/db/pool.js';
import { quietHoursEnd } from '../../platform/mail/quiet-hours.js';
import { writeMessage } from '../../platform/mail/outbox.js';
import { renderEmail, renderShort } from '../../platform/mail/render.js';
import { formatForRecipient } from '../../platform/mail/recipient-format.js';
import { companyNameOf, recipientMethodsOf } from './engine-repository.js';

export interface AlertRuleRow {
  id: string;
  accountId: string;
  name: string;
  event: AlertEvent;
  delayMinutes: number;
  urgent: boolean;
}

export interface AlertOccurrence {
  companyId: string | null;
  payload: Record<string, unknown>;
  subjectId: string | null;
  /** when the condition began (the event's time) */
  at: Date;
}

export type AlertKind = 'alert' | 'recovery' | 'test';

/** What the alert is about, in a few words: a device's name, a request's number, a module, an e-mail. */
function subjectOf(event: AlertEvent, o: AlertOccurrence): string {
  const p = o.payload;
  const text = (key: string) => (typeof p[key] === 'string' && p[key] ? (p[key] as string) : null);
  if (event === 'request_waiting' || event === 'question_created') {
    if (typeof p.number === 'number' || typeof p.number === 'string') return `#${p.number}`;
  }
  if (event === 'device_limit_reached') return text('hostname') ?? '';
  for (const key of ['name', 'deviceName', 'hostname', 'customerName', 'email', 'module']) {
    const value = text(key);
    if (value) return value;
  }
  return o.subjectId ?? '';
}

/**
 * Writes the alert (or recovery notice, or test) for every recipient of a rule, by each of the
 * rule's method kinds the contact has enabled and verified, in the contact's language. Contacts
 * limited to some companies hear only about those. Non-urgent messages wait for the end of the
 * contact's quiet hours. Runs in the caller's transaction; returns the number of messages.
 */
export async function sendAlert(
  tx: Queryable,
  rule: AlertRuleRow,
  occurrence: AlertOccurrence,
  kind: AlertKind,
  now: Date,
): Promise<number> {
  const rows = await recipientMethodsOf(tx, rule.id, occurrence.companyId);
  const chosen = rows.filter((r) => r.methodTypes.includes(r.method.type));
  if (chosen.length === 0) return 0;
  const companyName = occurrence.companyId ? await companyNameOf(tx, occurrence.companyId) : '';
  const template =
    kind === 'recovery'
      ? `alertsMail.recovery.${rule.event}`
      : kind === 'test'
        ? 'alertsMail.test'
        : `alertsMail.event.${rule.event}`;
  for (const { contact, method } of chosen) {
    const language = contact.language as Language;
    const params = {
      rule: rule.name,
      subject: subjectOf(rule.event, occurrence),
      company: companyName,
      minutes: rule.delayMinutes,
      time: formatForRecipient(occurrence.at, language, contact.timeZone),
    };
    const notBefore = rule.urgent || kind === 'test' ? null : quietHoursEnd(now, contact);
    const base = {
      accountId: rule.accountId,
      kind: `alert_${kind}`,
      to: method.value,
      contactId: contact.id,
      methodId: method.id,
      urgent: rule.urgent,
      notBefore,
      metadata: { ruleId: rule.id, event: rule.event, language },
    };
    if (method.type === 'email') {
      const rendered = renderEmail(language, template, params);
      await writeMessage(tx, {
        ...base,
        channel: 'email',
        subject: rendered.subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
      });
    } else {
      const text = renderShort(language, template, params);
      await writeMessage(tx, {
        ...base,
        channel: method.type === 'sms' ? 'sms' : 'voice',
        subject: text.slice(0, 120),
        bodyText: text,
      });
    }
  }
  return chosen.length;
}

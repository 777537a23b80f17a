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
export function subjectOf(event: AlertEvent, o: Pick<AlertOccurrence, 'payload' | 'subjectId'>): string {
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

/** The contact and method one alert message goes to. */
export interface AlertRecipient {
  contact: {
    id: string;
    language: string;
    timeZone: string;
    quietStart: string | null;
    quietEnd: string | null;
  };
  method: { id: string; type: string; value: string };
}

/**
 * Writes one alert message (an e-mail, or an SMS or call text) to one contact method, in the
 * contact's language, from an i18n template; non-urgent ones wait for the end of quiet hours.
 */
export async function writeAlertMessage(
  tx: Queryable,
  { contact, method }: AlertRecipient,
  message: {
    accountId: string;
    kind: string;
    template: string;
    params: Record<string, string | number>;
    urgent: boolean;
    now: Date;
    actionUrl?: string;
    metadata: Record<string, unknown>;
  },
): Promise<void> {
  const language = contact.language as Language;
  const base = {
    accountId: message.accountId,
    kind: message.kind,
    to: method.value,
    contactId: contact.id,
    methodId: method.id,
    urgent: message.urgent,
    notBefore: message.urgent ? null : quietHoursEnd(message.now, contact),
    metadata: { ...message.metadata, language },
  };
  if (method.type === 'email') {
    const rendered = renderEmail(language, message.template, message.params, message.actionUrl);
    await writeMessage(tx, {
      ...base,
      channel: 'email',
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
    });
  } else {
    const text = renderShort(language, message.template, message.params);
    await writeMessage(tx, {
      ...base,
      channel: method.type === 'sms' ? 'sms' : 'voice',
      subject: text.slice(0, 120),
      bodyText: text,
    });
  }
}

/** The parameters of the one-occurrence templates (`alertsMail.event.*`, `.recovery.*`, `.test`). */
export function singleParams(
  rule: AlertRuleRow,
  subject: string,
  companyName: string,
  at: Date,
  contact: AlertRecipient['contact'],
) {
  return {
    rule: rule.name,
    subject,
    company: companyName,
    minutes: rule.delayMinutes,
    time: formatForRecipient(at, contact.language as Language, contact.timeZone),
  };
}

/**
 * Writes one occurrence's message (a test alert) for every recipient of a rule, by each of the
 * rule's method kinds the contact has enabled and verified, at once. Returns the number of messages.
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
  for (const recipient of chosen) {
    await writeAlertMessage(tx, recipient, {
      accountId: rule.accountId,
      kind: `alert_${kind}`,
      template,
      params: singleParams(rule, subjectOf(rule.event, occurrence), companyName, occurrence.at, recipient.contact),
      urgent: rule.urgent || kind === 'test',
      now,
      metadata: { ruleId: rule.id, event: rule.event },
    });
  }
  return chosen.length;
}

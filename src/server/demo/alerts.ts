import { and, eq } from 'drizzle-orm';
import type { AlertEvent } from '../../shared/contracts/alerts.js';
import type { Language } from '../../shared/locales.js';
import type { Tx } from '../platform/db/pool.js';
import { renderEmail, renderShort } from '../platform/mail/render.js';
import { outboxMessages } from '../platform/mail/tables.js';
import { alertRuleCompanies, alertRuleRecipients, alertRules } from '../modules/alerts/tables.js';
import { contactCompanies, contactMethods, contacts } from '../modules/contacts/tables.js';
import { formatForRecipient } from '../platform/mail/recipient-format.js';
import { users } from '../modules/users/tables.js';

type Method = { type: 'email' | 'sms' | 'phone'; value: string; label: string; verified: boolean };

const demoContacts: {
  name: string;
  language: Language;
  timeZone: string;
  companies: string[] | 'all';
  quiet?: [string, string];
  methods: Method[];
}[] = [
  {
    name: 'Northwind on-call',
    language: 'en',
    timeZone: 'Europe/London',
    companies: 'all',
    methods: [
      { type: 'email', value: 'oncall@northwind.demo', label: 'Shared mailbox', verified: true },
      { type: 'sms', value: '+447700900123', label: 'On-call phone', verified: true },
      { type: 'phone', value: '+442079460000', label: 'Desk line', verified: false },
    ],
  },
  {
    name: 'Gérard Lambert (Contoso IT)',
    language: 'fr',
    timeZone: 'Europe/Paris',
    companies: ['Contoso Retail'],
    quiet: ['21:00', '07:30'],
    methods: [
      { type: 'email', value: 'gerard.lambert@contoso.example', label: 'Travail', verified: true },
      { type: 'sms', value: '+33612345678', label: 'Portable', verified: true },
    ],
  },
];

const demoRules: {
  name: string;
  event: AlertEvent;
  delayMinutes: number;
  urgent: boolean;
  companies: string[] | 'all';
  recipients: { contact: string; methodTypes: Method['type'][] }[];
}[] = [
  {
    name: 'Server or kiosk offline 10 minutes',
    event: 'device_offline',
    delayMinutes: 10,
    urgent: true,
    companies: 'all',
    recipients: [{ contact: 'Northwind on-call', methodTypes: ['sms', 'email'] }],
  },
  {
    name: 'Contoso tills offline',
    event: 'device_offline',
    delayMinutes: 5,
    urgent: false,
    companies: ['Contoso Retail'],
    recipients: [{ contact: 'Gérard Lambert (Contoso IT)', methodTypes: ['email'] }],
  },
  {
    name: 'Customers waiting over 5 minutes',
    event: 'request_waiting',
    delayMinutes: 5,
    urgent: false,
    companies: 'all',
    recipients: [{ contact: 'Northwind on-call', methodTypes: ['email'] }],
  },
  {
    name: 'Repeated failed sign-ins',
    event: 'signin_throttled',
    delayMinutes: 0,
    urgent: true,
    companies: 'all',
    recipients: [{ contact: 'Alice Martin', methodTypes: ['email'] }],
  },
];

/** A few messages of the past days in the delivery log: sent, a recovery, one that failed for good. */
const demoLog: {
  rule: string;
  contact: string;
  method: Method['type'];
  kind: 'alert' | 'recovery';
  subject: string;
  company: string;
  hoursAgo: number;
  status: 'sent' | 'failed';
  attempts: number;
  error?: string;
}[] = [
  {
    rule: 'Server or kiosk offline 10 minutes',
    contact: 'Northwind on-call',
    method: 'sms',
    kind: 'alert',
    subject: 'Till 2',
    company: 'Contoso Retail',
    hoursAgo: 30,
    status: 'sent',
    attempts: 1,
  },
  {
    rule: 'Server or kiosk offline 10 minutes',
    contact: 'Northwind on-call',
    method: 'email',
    kind: 'alert',
    subject: 'Till 2',
    company: 'Contoso Retail',
    hoursAgo: 30,
    status: 'sent',
    attempts: 2,
    error: 'connect ECONNREFUSED 10.10.0.25:587',
  },
  {
    rule: 'Contoso tills offline',
    contact: 'Gérard Lambert (Contoso IT)',
    method: 'email',
    kind: 'alert',
    subject: 'Till 2',
    company: 'Contoso Retail',
    hoursAgo: 30,
    status: 'failed',
    attempts: 5,
    error: '550 5.1.1 <gerard.lambert@contoso.example>: mailbox unavailable',
  },
  {
    rule: 'Server or kiosk offline 10 minutes',
    contact: 'Northwind on-call',
    method: 'email',
    kind: 'recovery',
    subject: 'X-ray workstation',
    company: 'Fabrikam Clinics',
    hoursAgo: 6,
    status: 'sent',
    attempts: 1,
  },
];

/**
 * The demo account's contacts with their methods, a few alert rules, and some past alerts in the
 * delivery log (history only: written as already sent or failed, no delivery job behind them).
 */
export async function seedAlertsDemo(
  tx: Tx,
  accountId: string,
  companyIdOf: ReadonlyMap<string, string>,
): Promise<void> {
  const contactIdOf = new Map<
    string,
    { id: string; language: Language; timeZone: string; methods: Map<string, { id: string; value: string }> }
  >();
  for (const c of demoContacts) {
    const [row] = await tx
      .insert(contacts)
      .values({
        accountId,
        name: c.name,
        language: c.language,
        timeZone: c.timeZone,
        allCompanies: c.companies === 'all',
        quietStart: c.quiet?.[0] ?? null,
        quietEnd: c.quiet?.[1] ?? null,
      })
      .returning({ id: contacts.id });
    if (c.companies !== 'all')
      await tx
        .insert(contactCompanies)
        .values(c.companies.map((name) => ({ accountId, contactId: row!.id, companyId: companyIdOf.get(name)! })));
    const methods = await tx
      .insert(contactMethods)
      .values(
        c.methods.map((m) => ({
          accountId,
          contactId: row!.id,
          type: m.type,
          value: m.value,
          label: m.label,
          verifiedAt: m.verified ? new Date() : null,
        })),
      )
      .returning({ id: contactMethods.id, type: contactMethods.type, value: contactMethods.value });
    contactIdOf.set(c.name, {
      id: row!.id,
      language: c.language,
      timeZone: c.timeZone,
      methods: new Map(methods.map((m) => [m.type, { id: m.id, value: m.value }])),
    });
  }
  // the administrator's own contact (kept in step with her profile) receives the security rule
  const [alice] = await tx
    .select({ id: contacts.id, language: contacts.language, timeZone: contacts.timeZone })
    .from(contacts)
    .innerJoin(users, eq(users.id, contacts.userId))
    .where(and(eq(contacts.accountId, accountId), eq(users.name, 'Alice Martin')));
  if (alice)
    contactIdOf.set('Alice Martin', {
      id: alice.id,
      language: alice.language as Language,
      timeZone: alice.timeZone,
      methods: new Map(),
    });

  const ruleIdOf = new Map<string, string>();
  for (const r of demoRules) {
    const recipients = r.recipients.filter((x) => contactIdOf.has(x.contact));
    if (recipients.length === 0) continue;
    const [row] = await tx
      .insert(alertRules)
      .values({
        accountId,
        name: r.name,
        event: r.event,
        delayMinutes: r.delayMinutes,
        urgent: r.urgent,
        allCompanies: r.companies === 'all',
      })
      .returning({ id: alertRules.id });
    ruleIdOf.set(r.name, row!.id);
    if (r.companies !== 'all')
      await tx
        .insert(alertRuleCompanies)
        .values(r.companies.map((name) => ({ accountId, ruleId: row!.id, companyId: companyIdOf.get(name)! })));
    await tx.insert(alertRuleRecipients).values(
      recipients.map((x) => ({
        accountId,
        ruleId: row!.id,
        contactId: contactIdOf.get(x.contact)!.id,
        methodTypes: x.methodTypes,
      })),
    );
  }

  for (const entry of demoLog) {
    const contact = contactIdOf.get(entry.contact)!;
    const method = contact.methods.get(entry.method)!;
    const rule = demoRules.find((r) => r.name === entry.rule)!;
    const at = new Date(Date.now() - entry.hoursAgo * 3_600_000);
    const template = `alertsMail.${entry.kind === 'recovery' ? 'recovery' : 'event'}.${rule.event}`;
    const params = {
      rule: rule.name,
      subject: entry.subject,
      company: entry.company,
      minutes: rule.delayMinutes,
      time: formatForRecipient(at, contact.language, contact.timeZone),
    };
    const rendered = entry.method === 'email' ? renderEmail(contact.language, template, params) : null;
    const short = entry.method === 'email' ? null : renderShort(contact.language, template, params);
    await tx.insert(outboxMessages).values({
      accountId,
      channel: entry.method === 'email' ? 'email' : entry.method === 'sms' ? 'sms' : 'voice',
      kind: `alert_${entry.kind}`,
      recipient: method.value,
      subject: rendered?.subject ?? short!.slice(0, 120),
      bodyText: rendered?.text ?? short!,
      bodyHtml: rendered?.html ?? null,
      status: entry.status,
      attempts: entry.attempts,
      lastError: entry.error ?? null,
      metadata: { ruleId: ruleIdOf.get(entry.rule), event: rule.event, language: contact.language },
      contactId: contact.id,
      methodId: method.id,
      urgent: rule.urgent,
      createdAt: at,
      notBefore: at,
      nextAttemptAt: at,
      sentAt: entry.status === 'sent' ? new Date(at.getTime() + entry.attempts * 60_000) : null,
    });
  }
}

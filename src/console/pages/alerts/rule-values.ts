import { accountWideEvents, delayedEvents, type AlertEvent, type AlertRule } from '../../../shared/contracts/alerts.js';
import type { MethodType } from '../../../shared/contracts/contacts.js';
import type { ChosenContact } from '../contacts/ContactPicker.js';

export interface RecipientChoice extends ChosenContact {
  methodTypes: MethodType[];
}

/** The rule form's values (a new rule: device offline for 5 minutes, every company, enabled). */
export interface RuleValues {
  name: string;
  event: AlertEvent;
  delay: number;
  companyIds: string[];
  recipients: RecipientChoice[];
  urgent: boolean;
  enabled: boolean;
}

export function ruleValues(rule: AlertRule | null): RuleValues {
  return {
    name: rule?.name ?? '',
    event: rule?.event ?? 'device_offline',
    delay: rule && delayedEvents.includes(rule.event) ? rule.delayMinutes : 5,
    companyIds: rule && !rule.allCompanies ? rule.companies.map((c) => c.id) : [],
    recipients: rule?.recipients.map((r) => ({ id: r.contactId, label: r.name, methodTypes: r.methodTypes })) ?? [],
    urgent: rule?.urgent ?? false,
    enabled: rule?.enabled ?? true,
  };
}

/** What the server receives: no delay for events without one, every company for none chosen or account-wide events. */
export function ruleBody(values: RuleValues) {
  const accountWide = accountWideEvents.includes(values.event);
  return {
    name: values.name.trim(),
    event: values.event,
    delayMinutes: delayedEvents.includes(values.event) ? values.delay : 0,
    companyIds: accountWide || values.companyIds.length === 0 ? ('all' as const) : values.companyIds,
    recipients: values.recipients.map((r) => ({ contactId: r.id, methodTypes: r.methodTypes })),
    urgent: values.urgent,
    enabled: values.enabled,
  };
}

/** The API's field names that differ from the form's. */
export const ruleFormFieldOf = { delayMinutes: 'delay' };

import { accountWideEvents, delayedEvents, type AlertEvent, type AlertRule } from '../../../shared/contracts/alerts.js';
import type { TFunction } from 'i18next';
import type { MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import type { ChosenContact } from '../contacts/ContactPicker.js';

export interface RecipientChoice extends ChosenContact {
  methodTypes: MethodType[];
}

/** The rule form's values (a new rule: device offline for 5 minutes, every company, enabled). */
export interface RuleValues {
  name: string;
  event: AlertEvent;
  /** minutes; 0 alerts as soon as the condition begins; '' while the field is empty */
  delay: number | '';
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
    delayMinutes: delayedEvents.includes(values.event) ? Number(values.delay) : 0,
    companyIds: accountWide || values.companyIds.length === 0 ? ('all' as const) : values.companyIds,
    recipients: values.recipients.map((r) => ({ contactId: r.id, methodTypes: r.methodTypes })),
    urgent: values.urgent,
    enabled: values.enabled,
  };
}

/** The API's field names that differ from the form's. */
export const ruleFormFieldOf = { delayMinutes: 'delay' };

/** What the form checks before sending (the server checks again): every missing field is marked at once. */
export function ruleValidation(t: TFunction) {
  return (values: RuleValues): Record<string, string | null> => {
    const errors: Record<string, string | null> = {};
    if (!values.name.trim()) errors.name = t('validation.required');
    if (delayedEvents.includes(values.event)) {
      if (values.delay === '') errors.delay = t('validation.required');
      else if (values.delay > limits.alertDelayMinutes)
        errors.delay = t('validation.too_big', { max: limits.alertDelayMinutes });
    }
    if (values.recipients.length === 0) errors.recipients = t('validation.too_few', { min: 1 });
    values.recipients.forEach((r, index) => {
      if (r.methodTypes.length === 0) errors[`recipients.${index}.methodTypes`] = t('validation.too_few', { min: 1 });
    });
    return errors;
  };
}

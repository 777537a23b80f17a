import { useTranslation } from 'react-i18next';
import { auditActions, auditObjectTypes } from '../../../shared/audit-catalogue.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';

/** "user.reset_password" → "User reset password": how an action not in the catalogue is still shown. */
function readable(name: string): string {
  const words = name.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface AuditNames {
  action(action: string): string;
  objectType(type: string): string;
  /** the known actions and object types, named, in name order: what the filters offer */
  actionOptions: { value: string; label: string }[];
  objectTypeOptions: { value: string; label: string }[];
}

/** Actions and object types as people read them, in the UI language, with the account's word for companies. */
export function useAuditNames(): AuditNames {
  const { t, i18n } = useTranslation();
  const words = labelOptions(useCompanyLabel());
  const action = (name: string) =>
    t(`auditNames.actions.${name}` as never, { ...words, defaultValue: readable(name) }) as string;
  const objectType = (name: string) =>
    t(`auditNames.objectTypes.${name}` as never, { ...words, defaultValue: readable(name) }) as string;
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, i18n.language);
  return {
    action,
    objectType,
    actionOptions: auditActions.map((value) => ({ value, label: action(value) })).sort(byLabel),
    objectTypeOptions: auditObjectTypes.map((value) => ({ value, label: objectType(value) })).sort(byLabel),
  };
}

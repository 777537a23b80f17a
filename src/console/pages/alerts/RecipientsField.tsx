import { Checkbox, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { ContactPicker, type ChosenContact } from '../contacts/ContactPicker.js';
import type { RecipientChoice } from './rule-values.js';

/** The rule's recipient contacts, and for each the kinds of method it is sent by (e-mail for a new one). */
export function RecipientsField({
  value,
  onChange,
  error,
  errorOf,
}: {
  value: RecipientChoice[];
  onChange: (recipients: RecipientChoice[]) => void;
  error?: React.ReactNode;
  /** the problem of one recipient's methods (none chosen, or a kind not verified) */
  errorOf?: (index: number) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const choose = (chosen: ChosenContact[]) =>
    onChange(chosen.map((c) => value.find((r) => r.id === c.id) ?? { ...c, methodTypes: ['email'] }));
  const setKinds = (id: string, kinds: MethodType[]) =>
    onChange(value.map((r) => (r.id === id ? { ...r, methodTypes: kinds } : r)));
  return (
    <>
      <ContactPicker
        label={t('alerts.fields.recipients')}
        value={value}
        onChange={choose}
        maxValues={limits.alertRecipients}
        error={error}
        required
      />
      {value.map((r, index) => (
        <Checkbox.Group
          key={r.id}
          label={t('alerts.fields.methodsOf', { name: r.label })}
          error={errorOf?.(index)}
          value={r.methodTypes}
          onChange={(v) => setKinds(r.id, v as MethodType[])}
        >
          <Group mt="xs">
            {methodTypes.map((x) => (
              <Checkbox key={x} value={x} label={t(`contacts.methods.types.${x}`)} />
            ))}
          </Group>
        </Checkbox.Group>
      ))}
    </>
  );
}

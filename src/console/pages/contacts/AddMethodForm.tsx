import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { contactMethods } from './api.js';
import { useMethodMutation } from './useMethodMutation.js';

/** Adds an e-mail address or a number to a contact (with an optional label). */
export function AddMethodForm({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const [type, setType] = useState<MethodType>('email');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const add = useMethodMutation(
    () => contactMethods(contactId).add({ type, value: value.trim(), label: label.trim() || undefined }),
    () => {
      setValue('');
      setLabel('');
    },
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) add.mutate(undefined);
      }}
    >
      <Group align="flex-end">
        <Select
          label={t('contacts.methods.type')}
          data={methodTypes.map((x) => ({ value: x, label: t(`contacts.methods.types.${x}`) }))}
          value={type}
          onChange={(x) => x && setType(x as MethodType)}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          label={t('contacts.methods.value')}
          description={t('contacts.methods.valueHint')}
          value={value}
          maxLength={limits.methodValue}
          onChange={(e) => setValue(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <TextInput
          label={t('contacts.methods.label')}
          value={label}
          maxLength={limits.methodLabel}
          onChange={(e) => setLabel(e.currentTarget.value)}
          w={140}
        />
        <Button type="submit" leftSection={<IconPlus size={14} aria-hidden />} loading={add.isPending}>
          {t('contacts.methods.add')}
        </Button>
      </Group>
    </form>
  );
}

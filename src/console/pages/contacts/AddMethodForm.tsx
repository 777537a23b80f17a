import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { contactMethods, refreshContacts } from './api.js';

interface MethodValues {
  type: MethodType;
  value: string;
  label: string;
}

/** Adds an e-mail address or a number to a contact (with an optional label); the server's problems on their fields. */
export function AddMethodForm({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: add,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: { type: 'email', value: '', label: '' } as MethodValues,
      validate: { value: v.required },
    },
    mutationFn: (values: MethodValues) =>
      contactMethods(contactId).add({
        type: values.type,
        value: values.value.trim(),
        label: values.label.trim() || undefined,
      }),
    onSuccess: () => {
      form.setValues({ value: '', label: '' });
      refreshContacts(queryClient);
    },
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <FormAlert messages={problems} />
      <Group align="flex-start">
        <Select
          label={t('contacts.methods.type')}
          data={methodTypes.map((x) => ({ value: x, label: t(`contacts.methods.types.${x}`) }))}
          allowDeselect={false}
          w={160}
          {...form.getInputProps('type')}
        />
        <TextInput
          label={t('contacts.methods.value')}
          description={t('contacts.methods.valueHint')}
          maxLength={limits.methodValue}
          style={{ flex: 1 }}
          {...form.getInputProps('value')}
        />
        <TextInput
          label={t('contacts.methods.label')}
          maxLength={limits.methodLabel}
          w={140}
          {...form.getInputProps('label')}
        />
        <Button
          type="submit"
          leftSection={<IconPlus size={14} aria-hidden />}
          loading={add.isPending}
          mt={{ base: 0, sm: 46 }}
        >
          {t('contacts.methods.add')}
        </Button>
      </Group>
    </form>
  );
}

import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { validators } from '../../api/errors.js';
import { useSession } from '../../session/api.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { createContact, refreshContacts } from './api.js';
import { contactBody, ContactFields, quietHoursFields, type ContactValues } from './ContactFields.js';

type CreateValues = ContactValues & { methods: { type: MethodType; value: string; label: string }[] };

/** A new contact with its first communication methods; opens the contact's page once made. */
export function CreateContactModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: create,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: {
        name: '',
        access: 'all',
        companyIds: [],
        language: me.user.language,
        timeZone: me.user.timeZone,
        quiet: false,
        quietStart: '22:00',
        quietEnd: '07:00',
        methods: [{ type: 'email', value: '', label: '' }],
      } as CreateValues,
      validate: { name: v.required, methods: { value: v.required } },
    },
    formFieldOf: quietHoursFields,
    mutationFn: (values: CreateValues) =>
      createContact({
        ...contactBody(values),
        methods: values.methods.map((m) => ({
          type: m.type,
          value: m.value.trim(),
          label: m.label.trim() || undefined,
        })),
      }),
    onSuccess: (contact) => {
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.created') });
      onClose();
      void navigate(`/contacts/${contact.id}`);
    },
  });
  const methods = form.getValues().methods;
  return (
    <Modal opened onClose={onClose} title={t('contacts.new')} size="lg" centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <ContactFields form={form} />
          <Text fw={600} size="sm">
            {t('contacts.methods.title')}
          </Text>
          {methods.map((_, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <Select
                label={t('contacts.methods.type')}
                data={methodTypes.map((type) => ({ value: type, label: t(`contacts.methods.types.${type}`) }))}
                allowDeselect={false}
                w={150}
                {...form.getInputProps(`methods.${index}.type`)}
              />
              <TextInput
                label={t('contacts.methods.value')}
                description={index === 0 ? t('contacts.methods.valueHint') : undefined}
                maxLength={limits.methodValue}
                style={{ flex: 1 }}
                {...form.getInputProps(`methods.${index}.value`)}
              />
              <TextInput
                label={t('contacts.methods.label')}
                maxLength={limits.methodLabel}
                w={130}
                {...form.getInputProps(`methods.${index}.label`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('contacts.methods.remove')}
                onClick={() => form.removeListItem('methods', index)}
                mb={4}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('methods', { type: 'sms', value: '', label: '' })}
            >
              {t('contacts.methods.add')}
            </Button>
          </Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('contacts.new')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

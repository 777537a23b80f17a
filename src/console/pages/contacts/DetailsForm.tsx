import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../shared/contracts/contacts.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { refreshContacts, updateContact } from './api.js';
import { contactBody, ContactFields, quietHoursFields, type ContactValues } from './ContactFields.js';

const valuesOf = (c: ContactDetail): ContactValues => ({
  name: c.name,
  access: c.allCompanies ? 'all' : 'chosen',
  companyIds: c.companies.map((x) => x.id),
  language: c.language,
  timeZone: c.timeZone,
  quiet: c.quietHours !== null,
  quietStart: c.quietHours?.start ?? '22:00',
  quietEnd: c.quietHours?.end ?? '07:00',
});

/** A contact's name, companies, language, time zone and quiet hours (a user's own name is theirs to change). */
export function DetailsForm({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: save,
    problems,
    onSubmit,
  } = useApiForm({
    form: { mode: 'controlled', initialValues: valuesOf(contact), validate: { name: v.required } },
    formFieldOf: quietHoursFields,
    mutationFn: (values: ContactValues) => {
      const body = contactBody(values);
      return updateContact(contact.id, contact.userId ? { ...body, name: undefined } : body);
    },
    onSuccess: () => {
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.saved') });
    },
  });
  // follow the contact once it changed (saved here or elsewhere)
  const [seenAt, setSeenAt] = useState(contact.updatedAt);
  if (seenAt !== contact.updatedAt) {
    setSeenAt(contact.updatedAt);
    form.setValues(valuesOf(contact));
    form.resetDirty(valuesOf(contact));
  }
  return (
    <Paper withBorder radius="md" p="lg">
      <form noValidate onSubmit={onSubmit}>
        <fieldset disabled={!contact.abilities.update} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('contacts.details')}
            </Title>
            {contact.userId ? (
              <Alert variant="light" icon={<IconInfoCircle aria-hidden />}>
                {t('contacts.userManaged')}
              </Alert>
            ) : null}
            <FormAlert messages={problems} />
            <ContactFields form={form} nameLocked={contact.userId !== null} />
            {contact.abilities.update ? (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {t('contacts.save')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </fieldset>
      </form>
    </Paper>
  );
}

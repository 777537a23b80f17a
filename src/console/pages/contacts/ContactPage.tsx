import { Alert, Anchor, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { contactDetail, contactSummary, type ContactDetail } from '../../../shared/contracts/contacts.js';
import { api } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { contactBody, ContactFields, type ContactValues } from './ContactFields.js';
import { MethodsSection } from './MethodsSection.js';
import { contactKeys, refreshContacts } from './api.js';

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

function DetailsForm({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<ContactValues>({
    mode: 'controlled',
    initialValues: valuesOf(contact),
    validate: { name: v.required },
  });
  useEffect(() => {
    form.setValues(valuesOf(contact));
    form.resetDirty();
  }, [contact.updatedAt]);
  const save = useMutation({
    mutationFn: (values: ContactValues) => {
      const body = contactBody(values);
      return api.patch(`/contacts/${contact.id}`, contact.userId ? { ...body, name: undefined } : body, {
        schema: contactSummary,
      });
    },
    onSuccess: () => {
      setProblems([]);
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.saved') });
    },
    onError: (error) =>
      setProblems(
        applyFieldErrors(form as Parameters<typeof applyFieldErrors>[0], error, t, currentLanguage()) ?? [
          errorText(t, error, locale),
        ],
      ),
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
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

function DeleteModal({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(`/contacts/${contact.id}`),
    onSuccess: () => {
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.deleted') });
      void navigate('/contacts');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const used = [
    ...contact.usage.alertRules.map((r) => t('contacts.deleteRule', { name: r.name })),
    ...contact.usage.reportSchedules.map((s) => t('contacts.deleteSchedule', { name: s.name })),
  ];
  return (
    <Modal opened onClose={onClose} title={t('contacts.deleteTitle', { name: contact.name })} centered>
      <Stack>
        <Text size="sm">{t('contacts.deleteBody')}</Text>
        {used.length > 0 ? (
          <Alert color="yellow" variant="light" title={t('contacts.deleteUsedBy')}>
            <List size="sm">
              {used.map((u) => (
                <List.Item key={u}>{u}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('contacts.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Contact() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [deleting, setDeleting] = useState(false);
  const contact = useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/contacts/${id}`, { schema: contactDetail, signal }),
  });
  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <LoadError error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  return (
    <>
      <Anchor component={Link} to="/contacts" size="sm">
        ← {t('contacts.title')}
      </Anchor>
      <PageHeader
        title={c.name}
        actions={
          c.abilities.delete ? (
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setDeleting(true)}
            >
              {t('contacts.delete')}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        <MethodsSection contact={c} />
        <DetailsForm contact={c} />
      </Stack>
      {deleting ? <DeleteModal contact={c} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

export default function ContactPage() {
  return (
    <PageGuard page="contacts">
      <Contact />
    </PageGuard>
  );
}

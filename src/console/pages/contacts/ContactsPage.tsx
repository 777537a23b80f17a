import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contactSummary, methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { can, useSession } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { contactBody, ContactFields, type ContactValues } from './ContactFields.js';
import { contactKeys, contactList, refreshContacts } from './api.js';

type CreateValues = ContactValues & { methods: { type: MethodType; value: string; label: string }[] };

function CreateContactModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<CreateValues>({
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
    },
    validate: { name: v.required, methods: { value: v.required } },
  });
  const create = useMutation({
    mutationFn: (values: CreateValues) =>
      api.post(
        '/contacts',
        {
          ...contactBody(values),
          methods: values.methods.map((m) => ({
            type: m.type,
            value: m.value.trim(),
            label: m.label.trim() || undefined,
          })),
        },
        { schema: contactSummary },
      ),
    onSuccess: (contact) => {
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.created') });
      onClose();
      void navigate(`/contacts/${contact.id}`);
    },
    onError: (error) =>
      setProblems(
        applyFieldErrors(form as Parameters<typeof applyFieldErrors>[0], error, t, currentLanguage()) ?? [
          errorText(t, error, locale),
        ],
      ),
  });
  const methods = form.getValues().methods;
  return (
    <Modal opened onClose={onClose} title={t('contacts.new')} size="lg" centered>
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
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

function Contacts() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const contacts = useInfiniteQuery({
    queryKey: contactKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.get('/contacts', {
        query: { search: q || undefined, limit: limits.pageSizeDefault, cursor: pageParam },
        schema: contactList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        actions={
          can(me, 'contacts.manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('contacts.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <TextInput
            label={t('contacts.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            maxLength={limits.search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          {contacts.isPending ? (
            <PageLoader />
          ) : contacts.isError ? (
            <LoadError error={contacts.error} onRetry={() => void contacts.refetch()} />
          ) : items.length === 0 ? (
            <Group gap="sm" c="dimmed" py="lg" justify="center">
              <IconAddressBook size={20} aria-hidden />
              <Text size="sm">{t('contacts.empty')}</Text>
            </Group>
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm" highlightOnHover aria-label={t('contacts.title')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('contacts.columns.name')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.columns.companies')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.columns.methods')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Group gap="xs">
                            <Link to={`/contacts/${c.id}`}>{c.name}</Link>
                            {c.userId ? (
                              <Badge size="xs" variant="light" color="gray">
                                {t('contacts.user')}
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          {c.allCompanies ? t('contacts.allCompanies') : c.companies.map((x) => x.name).join(', ')}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {c.methods.map((m) => (
                              <Badge
                                key={m.id}
                                variant="light"
                                color={m.verified ? 'teal' : 'gray'}
                                title={m.verified ? t('contacts.methods.verified') : t('contacts.methods.unverified')}
                              >
                                {t(`contacts.methods.types.${m.type}`)}: {m.value}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListFooter shownText={t('contacts.shown', { shown: format.number(items.length) })} pages={contacts} />
            </>
          )}
        </Stack>
      </Paper>
      {creating ? <CreateContactModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

export default function ContactsPage() {
  return (
    <PageGuard page="contacts">
      <Contacts />
    </PageGuard>
  );
}

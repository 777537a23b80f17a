import { Badge, Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { IconAddressBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactSummary } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable, type DataColumn } from '../../kit/DataTable.js';
import { useListPage } from '../../kit/useListPage.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { contactKeys, fetchContactPage } from './api.js';
import { CreateContactModal } from './CreateContactModal.js';

function useContactColumns(): DataColumn<ContactSummary>[] {
  const { t } = useTranslation();
  return [
    {
      key: 'name',
      header: t('contacts.columns.name'),
      cell: (c) => (
        <Group gap="xs">
          <Link to={`/contacts/${c.id}`}>{c.name}</Link>
          {c.userId ? (
            <Badge size="xs" variant="light" color="gray">
              {t('contacts.user')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    {
      key: 'companies',
      header: t('contacts.columns.companies'),
      cell: (c) => (c.allCompanies ? t('contacts.allCompanies') : c.companies.map((x) => x.name).join(', ')),
    },
    {
      key: 'methods',
      header: t('contacts.columns.methods'),
      cell: (c) => (
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
      ),
    },
  ];
}

function Contacts() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const [creating, setCreating] = useState(false);
  const columns = useContactColumns();
  const list = useListPage({
    typed: ['q'],
    filters: (param) => param('q'),
    queryKey: contactKeys.list,
    fetchPage: fetchContactPage,
  });
  const { items } = list;
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
            value={list.text('q')}
            maxLength={limits.search}
            onChange={(e) => list.setText('q', e.currentTarget.value)}
          />
          <DataTable
            variant="inset"
            label={t('contacts.title')}
            columns={columns}
            items={items}
            rowKey={(c) => c.id}
            query={list.query}
            empty={{ icon: <IconAddressBook size={20} aria-hidden />, text: t('contacts.empty') }}
            shownText={t('contacts.shown', { shown: format.number(items.length) })}
          />
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

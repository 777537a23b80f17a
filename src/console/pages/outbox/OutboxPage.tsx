import { Group, Select, TextInput } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outboxChannels, outboxStatuses } from '../../../shared/contracts/outbox.js';
import { limits } from '../../../shared/limits.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable } from '../../kit/DataTable.js';
import { oneOf, useListPage } from '../../kit/useListPage.js';
import { PageGuard } from '../StatusPages.js';
import { fetchOutboxPage, outboxKeys } from './api.js';
import { useOutboxColumns } from './columns.js';
import { MessageModal } from './MessageModal.js';

function Outbox() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const columns = useOutboxColumns(setOpen);
  const list = useListPage({
    typed: ['recipient'],
    filters: (param) => ({
      status: oneOf(outboxStatuses, param('status')),
      channel: oneOf(outboxChannels, param('channel')),
      recipient: param('recipient') || undefined,
    }),
    queryKey: outboxKeys.list,
    fetchPage: fetchOutboxPage,
  });
  const { filters, setParam } = list;

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Group mb="md" align="flex-end">
        <Select
          label={t('outbox.filters.status')}
          placeholder={t('outbox.filters.any')}
          clearable
          data={outboxStatuses.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
          value={filters.status ?? null}
          onChange={(value) => setParam('status', value)}
        />
        <Select
          label={t('outbox.filters.channel')}
          placeholder={t('outbox.filters.anyChannel')}
          clearable
          data={outboxChannels.map((c) => ({ value: c, label: t(`outbox.channels.${c}`) }))}
          value={filters.channel ?? null}
          onChange={(value) => setParam('channel', value)}
        />
        <TextInput
          label={t('outbox.filters.recipient')}
          value={list.text('recipient')}
          maxLength={limits.email}
          onChange={(e) => list.setText('recipient', e.currentTarget.value)}
        />
      </Group>
      <DataTable
        columns={columns}
        items={list.items}
        rowKey={(m) => m.id}
        query={list.query}
        minWidth={720}
        empty={{ icon: <IconMail aria-hidden />, text: t('outbox.empty') }}
      />
      {open ? <MessageModal id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

export default function OutboxPage() {
  return (
    <PageGuard page="outbox">
      <Outbox />
    </PageGuard>
  );
}

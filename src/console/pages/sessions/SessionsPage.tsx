import { Badge, Button, Group, Text } from '@mantine/core';
import { IconDownload, IconScreenShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable, RowLink, type DataColumn } from '../../kit/DataTable.js';
import { filterParams, useListPage } from '../../kit/useListPage.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { PageGuard } from '../StatusPages.js';
import { fetchSessionsPage, sessionKeys, sessionsCsvHref } from './api.js';
import { apiQuery, filterNames, readFilters, type Filters } from './filters.js';
import { durationText } from './format.js';
import { NewSessionButton } from './NewSessionModal.js';
import { SessionFilters } from './SessionFilters.js';
import { StatusBadge } from './StatusBadge.js';

function useColumns(): DataColumn<Session>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  return [
    {
      key: 'createdAt',
      header: t('sessions.fields.created'),
      cell: (s) => <RowLink to={`/sessions/${s.id}`}>{format.dateTime(s.createdAt)}</RowLink>,
    },
    { key: 'company', header: words.singular, cell: (s) => s.companyName },
    { key: 'technician', header: t('sessions.fields.technician'), cell: (s) => s.technician.name },
    {
      key: 'customer',
      header: t('remote.fields.customerOrDevice'),
      cell: (s) =>
        s.kind === 'device' ? (
          <Group gap={6} wrap="nowrap" data-testid="session-device">
            <Text size="sm">{s.device?.name ?? ''}</Text>
            {s.mode ? (
              <Badge variant="outline" size="sm" tt="none">
                {t(`remote.mode.${s.mode}`)}
              </Badge>
            ) : null}
          </Group>
        ) : (
          (s.customerName ?? '')
        ),
    },
    { key: 'status', header: t('sessions.fields.status'), cell: (s) => <StatusBadge status={s.status} /> },
    {
      key: 'outcome',
      header: t('sessions.fields.outcome'),
      cell: (s) => (s.outcome ? t(`sessions.outcome.${s.outcome}`) : ''),
    },
    {
      key: 'duration',
      header: t('sessions.fields.duration'),
      cell: (s) => <Text size="sm">{durationText(t, s.durationSeconds)}</Text>,
    },
    {
      key: 'recorded',
      header: t('sessions.fields.recording'),
      cell: (s) =>
        s.hasRecording ? (
          <Badge variant="light" color="red">
            {t('sessions.recording.recorded')}
          </Badge>
        ) : null,
    },
  ];
}

function SessionLog() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const list = useListPage({
    filters: (param) => apiQuery(readFilters(param)),
    queryKey: sessionKeys.list,
    fetchPage: fetchSessionsPage,
  });
  const filters = readFilters(list.param);
  const columns = useColumns();
  const apply = (values: Filters) => list.setParams(filterParams(filterNames, values), { replace: true });
  const hasFilters = filterNames.some((name) => filters[name]);
  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          <>
            <Button
              component="a"
              href={sessionsCsvHref(list.filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              data-testid="sessions-csv"
            >
              {t('sessions.csv')}
            </Button>
            {can(me, 'sessions.run') ? <NewSessionButton /> : null}
          </>
        }
      />
      <SessionFilters key={JSON.stringify(filters)} filters={filters} apply={apply} />
      <DataTable
        label={t('sessions.title')}
        columns={columns}
        items={list.items}
        rowKey={(s) => s.id}
        query={list.query}
        minWidth={880}
        empty={{
          icon: <IconScreenShare size={28} aria-hidden />,
          text: hasFilters ? t('sessions.emptyFiltered') : t('sessions.empty'),
        }}
        shownText={t('sessions.shown', { shown: format.number(list.items.length) })}
        endText={t('sessions.listEnd')}
      />
    </>
  );
}

/** The log of remote-support sessions (`sessions.read`), filtered in the address, with its CSV. */
export default function SessionsPage() {
  return (
    <PageGuard page="sessions">
      <SessionLog />
    </PageGuard>
  );
}

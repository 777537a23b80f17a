import { Button, Paper, Stack, TextInput } from '@mantine/core';
import { IconCalendarStats, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable } from '../../kit/DataTable.js';
import { useListPage } from '../../kit/useListPage.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { fetchSchedulePage, reportKeys } from './api.js';
import { useScheduleColumns } from './columns.js';
import { ScheduleFormModal } from './ScheduleForm.js';

function Schedules() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useListPage({
    typed: ['q'],
    filters: (param) => param('q'),
    queryKey: reportKeys.list,
    fetchPage: fetchSchedulePage,
  });
  const columns = useScheduleColumns();
  return (
    <>
      <PageHeader
        title={t('nav.reports')}
        description={t('reports.description')}
        actions={
          can(me, 'reports.manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('reports.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <TextInput
            label={t('reports.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={list.text('q')}
            maxLength={limits.search}
            onChange={(e) => list.setText('q', e.currentTarget.value)}
          />
          <DataTable
            label={t('nav.reports')}
            columns={columns}
            items={list.items}
            rowKey={(s) => s.id}
            query={list.query}
            minWidth={760}
            variant="inset"
            empty={{ icon: <IconCalendarStats size={20} aria-hidden />, text: t('reports.empty') }}
            shownText={t('reports.shown', { shown: format.number(list.items.length) })}
          />
        </Stack>
      </Paper>
      {creating ? (
        <ScheduleFormModal
          schedule={null}
          onClose={() => setCreating(false)}
          onSaved={(s) => void navigate(`/reports/${s.id}`)}
        />
      ) : null}
    </>
  );
}

export default function ReportsPage() {
  return (
    <PageGuard page="reports">
      <Schedules />
    </PageGuard>
  );
}

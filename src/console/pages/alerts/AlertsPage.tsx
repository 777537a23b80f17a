import { Button, Paper } from '@mantine/core';
import { IconBell, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '../../../shared/contracts/alerts.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable } from '../../kit/DataTable.js';
import { useListPage } from '../../kit/useListPage.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { alertKeys, fetchRulePage } from './api.js';
import { useRuleColumns } from './columns.js';
import { RuleFormModal } from './RuleFormModal.js';

function Rules() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const list = useListPage({
    filters: () => ({}),
    queryKey: alertKeys.list,
    fetchPage: (_filters, cursor, signal) => fetchRulePage(cursor, signal),
  });
  const columns = useRuleColumns(setEditing);
  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        description={t('alerts.description')}
        actions={
          can(me, 'alerts.manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('alerts.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="lg">
        <DataTable
          label={t('alerts.title')}
          columns={columns}
          items={list.items}
          rowKey={(r) => r.id}
          query={list.query}
          minWidth={720}
          highlightOnHover={false}
          variant="inset"
          empty={{ icon: <IconBell size={20} aria-hidden />, text: t('alerts.empty') }}
          shownText={t('alerts.shown', { shown: format.number(list.items.length) })}
        />
      </Paper>
      {editing ? <RuleFormModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

export default function AlertsPage() {
  return (
    <PageGuard page="alerts">
      <Rules />
    </PageGuard>
  );
}

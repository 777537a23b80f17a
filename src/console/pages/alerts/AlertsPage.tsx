import { Button, Paper, Tabs } from '@mantine/core';
import { IconBell, IconPlus, IconTool } from '@tabler/icons-react';
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
import { MaintenanceSection } from './MaintenanceSection.js';
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
      <Tabs defaultValue="rules" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="rules" leftSection={<IconBell size={16} aria-hidden />}>
            {t('alerts.tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="maintenance" leftSection={<IconTool size={16} aria-hidden />}>
            {t('alerts.tabs.maintenance')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules">
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
        </Tabs.Panel>
        <Tabs.Panel value="maintenance">
          <MaintenanceSection />
        </Tabs.Panel>
      </Tabs>
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

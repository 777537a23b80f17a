import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTool } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceWindow } from '../../../shared/contracts/maintenance.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { DataTable, type DataColumn } from '../../kit/DataTable.js';
import { RowDeleteButton, RowEditButton, useFailureNotice } from '../../kit/RowButtons.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { useCompanyChoices } from '../users/api.js';
import {
  deleteMaintenanceWindow,
  fetchMaintenanceWindows,
  maintenanceKeys,
  refreshMaintenance,
} from './maintenance-api.js';
import { MaintenanceFormModal } from './MaintenanceFormModal.js';

const stateColor = { upcoming: 'blue', active: 'orange', ended: 'gray' } as const;

/** Edit and delete (confirmed) of one window, for those who may. */
function WindowActions({ item, onEdit }: { item: MaintenanceWindow; onEdit: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteMaintenanceWindow(item.id),
    onSuccess: () => refreshMaintenance(queryClient),
    onError: useFailureNotice(),
  });
  const label = `${item.companyName}, ${item.reason}`;
  return (
    <Group gap="xs" wrap="nowrap">
      {item.abilities.update && item.state !== 'ended' ? (
        <RowEditButton text={t('alerts.edit')} row={label} onClick={onEdit} />
      ) : null}
      {item.abilities.delete ? (
        <RowDeleteButton
          text={t('alerts.delete')}
          row={label}
          question={t('alerts.maintenance.deleteConfirm', { name: label })}
          onConfirm={() => remove.mutate()}
        />
      ) : null}
    </Group>
  );
}

/** Maintenance windows of companies: filtered by company, upcoming and in force or ended; plan, change, delete. */
export function MaintenanceSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [when, setWhen] = useState<'current' | 'ended'>('current');
  const [editing, setEditing] = useState<MaintenanceWindow | 'new' | null>(null);
  const query = useQuery({
    queryKey: maintenanceKeys.list(companyId, when),
    queryFn: ({ signal }) => fetchMaintenanceWindows(companyId, when, signal),
  });
  const items = query.data?.items ?? [];
  const columns: DataColumn<MaintenanceWindow>[] = [
    { key: 'company', header: words.singular, cell: (w) => w.companyName },
    {
      key: 'period',
      header: t('alerts.maintenance.columns.period'),
      cell: (w) => `${format.dateTime(w.startsAt)} – ${format.dateTime(w.endsAt)}`,
    },
    { key: 'mode', header: t('alerts.maintenance.fields.mode'), cell: (w) => t(`alerts.maintenance.modes.${w.mode}`) },
    { key: 'reason', header: t('alerts.maintenance.fields.reason'), cell: (w) => w.reason },
    {
      key: 'state',
      header: t('alerts.columns.state'),
      cell: (w) => (
        <Badge variant="light" color={stateColor[w.state]}>
          {t(`alerts.maintenance.states.${w.state}`)}
        </Badge>
      ),
    },
    {
      key: 'alerts',
      header: t('alerts.maintenance.columns.alerts'),
      cell: (w) =>
        t(`alerts.maintenance.counts.${w.mode}`, {
          count: w.mode === 'hold' ? w.heldAlerts : w.droppedAlerts,
          formatted: format.number(w.mode === 'hold' ? w.heldAlerts : w.droppedAlerts),
        }),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      hiddenHeader: true,
      cell: (w) => <WindowActions item={w} onEdit={() => setEditing(w)} />,
    },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Select
            label={words.singular}
            data={[
              { value: 'any', label: t('alerts.maintenance.anyCompany', labelOptions(words)) },
              ...companies.options,
            ]}
            value={companyId ?? 'any'}
            onChange={(v) => setCompanyId(v && v !== 'any' ? v : null)}
            allowDeselect={false}
            searchable
          />
          <SegmentedControl
            aria-label={t('alerts.maintenance.when')}
            value={when}
            onChange={(v) => setWhen(v as 'current' | 'ended')}
            data={[
              { value: 'current', label: t('alerts.maintenance.current') },
              { value: 'ended', label: t('alerts.maintenance.ended') },
            ]}
          />
        </Group>
        {can(me, 'alerts.manage') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('alerts.maintenance.new')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm">{t('alerts.maintenance.description')}</Text>
      <Paper withBorder radius="md" p="lg">
        <DataTable
          label={t('alerts.maintenance.title')}
          columns={columns}
          items={items}
          rowKey={(w) => w.id}
          query={{
            isPending: query.isPending,
            isError: query.isError,
            error: query.error,
            refetch: () => query.refetch(),
            hasNextPage: false,
            isFetchingNextPage: false,
            fetchNextPage: () => undefined,
          }}
          minWidth={820}
          highlightOnHover={false}
          variant="inset"
          empty={{ icon: <IconTool size={20} aria-hidden />, text: t('alerts.maintenance.empty') }}
        />
      </Paper>
      {editing ? (
        <MaintenanceFormModal
          window={editing === 'new' ? null : editing}
          companyId={companyId}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

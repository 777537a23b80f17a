import { Badge, Button, Checkbox, Group } from '@mantine/core';
import { IconArrowsRightLeft, IconDeviceDesktop, IconDownload, IconTerminal2 } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/contracts/devices.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable, RowLink, type DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { ForbiddenPage } from '../StatusPages.js';
import { RunScriptModal } from '../scripts/RunScriptModal.js';
import { ScriptsLink } from '../scripts/ScriptsLink.js';
import { deviceExportHref, useDeviceCount, useLiveDevices, useMayOpenDeviceSessions } from './api.js';
import { Cell, ColumnsMenu, csvColumnsOf, useColumnTitle, useShownColumns } from './columns.js';
import { DeviceFilters } from './DeviceFilters.js';
import { chosenDevices, MoveDevicesModal } from './MoveDevicesModal.js';
import { RemoteRowMenu } from './RemoteRowMenu.js';
import { useDeviceList } from './useDeviceList.js';
import { useDeviceSelection } from './useDeviceSelection.js';

function DevicesList() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const title = useColumnTitle();
  useLiveDevices(useQueryClient());
  const list = useDeviceList();
  const { filters, items } = list;
  const count = useDeviceCount({ ...filters, sort: undefined, order: undefined });
  const { shown, columns, setColumns } = useShownColumns();
  const selection = useDeviceSelection(items, JSON.stringify(filters));
  const { selected } = selection;
  const [moving, setMoving] = useState(false);
  const mayMove = can(me, 'devices.move');
  const mayRun = can(me, 'devices.control');
  const [running, setRunning] = useState(false);
  const mayRemote = useMayOpenDeviceSessions();

  const tableColumns: DataColumn<Device>[] = [
    ...(mayMove || mayRun
      ? [
          {
            key: 'select',
            width: 40,
            header: (
              <Checkbox
                aria-label={t('devices.list.selectAll')}
                checked={selection.allSelected}
                indeterminate={selected.size > 0 && !selection.allSelected}
                onChange={selection.toggleAll}
              />
            ),
            cell: (device: Device) => (
              <Checkbox
                aria-label={t('devices.list.select', { name: device.name })}
                checked={selected.has(device.id)}
                onChange={() => selection.toggle(device.id)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'name',
      header: t('devices.columns.name'),
      cell: (d) => <RowLink to={`/devices/${d.id}`}>{d.name}</RowLink>,
    },
    ...shown.map((c) => ({
      key: c,
      header: title(c),
      cell: (device: Device) => <Cell device={device} column={c} format={format} />,
    })),
    ...(mayRemote
      ? [
          {
            key: 'remote',
            width: 56,
            hiddenHeader: true,
            header: t('remote.title'),
            cell: (device: Device) => (device.revoked ? null : <RemoteRowMenu device={device} />),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('devices.title')}
        description={t('devices.description')}
        actions={
          <>
            <ColumnsMenu columns={columns} setColumns={setColumns} />
            <Button
              component="a"
              href={deviceExportHref(filters, csvColumnsOf(shown))}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('devices.list.export')}
            </Button>
            {mayRun ? <ScriptsLink /> : null}
            {mayRun ? (
              <Button
                variant="default"
                leftSection={<IconTerminal2 size={16} aria-hidden />}
                disabled={selected.size === 0}
                onClick={() => setRunning(true)}
              >
                {t('scripts.run.button', { count: selected.size })}
              </Button>
            ) : null}
            {mayMove ? (
              <Button
                leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
                disabled={selected.size === 0}
                onClick={() => setMoving(true)}
              >
                {t('devices.list.move', { count: selected.size })}
              </Button>
            ) : null}
          </>
        }
      />
      <DeviceFilters list={list} />
      <DataTable
        label={t('devices.title')}
        columns={tableColumns}
        items={items}
        rowKey={(d) => d.id}
        rowProps={(d) => ({
          'data-device': d.name,
          bg: selected.has(d.id) ? 'var(--mantine-color-blue-light)' : undefined,
        })}
        query={list.query}
        minWidth={820}
        empty={{ icon: <IconDeviceDesktop size={28} aria-hidden />, text: t('devices.list.empty') }}
        shownText={
          count.data
            ? t('devices.list.shownOf', { shown: format.number(items.length), total: format.number(count.data.count) })
            : t('devices.list.shown', { shown: format.number(items.length) })
        }
      />
      {selected.size > 0 ? (
        <Group mt="xs">
          <Badge variant="light">{t('devices.list.selected', { count: selected.size })}</Badge>
        </Group>
      ) : null}
      {mayRun ? <RunScriptModal opened={running} deviceIds={[...selected]} onClose={() => setRunning(false)} /> : null}
      {mayMove ? (
        <MoveDevicesModal
          opened={moving}
          onClose={() => setMoving(false)}
          subject={chosenDevices(t('devices.move.title', { count: format.number(selected.size) }), [...selected])}
          onMoved={selection.clear}
        />
      ) : null}
    </>
  );
}

export default function DevicesPage() {
  const { t } = useTranslation();
  const me = useSession();
  if (!can(me, 'devices.read')) return <ForbiddenPage title={t('devices.title')} />;
  return <DevicesList />;
}

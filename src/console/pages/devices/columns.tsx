import { Button, Checkbox, Menu, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceCsvColumn } from '../../../shared/contracts/devices.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import type { Formatters } from '../../lib/format.js';
import { DeviceStatusBadge, OsText, TagList } from './parts.js';

/** Columns one may show or hide; the name is always there. Each maps to the CSV column it exports. */
export const optionalColumns = [
  'company',
  'status',
  'os',
  'hostname',
  'ipAddresses',
  'tags',
  'lastSeen',
  'enrolled',
  'agentVersion',
] as const;
export type Column = (typeof optionalColumns)[number];
const defaultColumns: Column[] = ['company', 'status', 'os', 'ipAddresses', 'tags', 'lastSeen'];
const csvOf: Record<Column, DeviceCsvColumn[]> = {
  company: ['company'],
  status: ['status'],
  os: ['platform', 'os', 'osVersion'],
  hostname: ['hostname'],
  ipAddresses: ['ipAddresses'],
  tags: ['tags'],
  lastSeen: ['lastSeenAt'],
  enrolled: ['enrolledAt'],
  agentVersion: ['agentVersion'],
};

/** The CSV columns that export what the table shows. */
export function csvColumnsOf(shown: readonly Column[]): DeviceCsvColumn[] {
  return ['name', ...shown.flatMap((c) => csvOf[c])];
}

/** The columns this browser shows (remembered), in the table's order. */
export function useShownColumns() {
  const [columns, setColumns] = useLocalStorage<Column[]>({
    key: 'tandem.devices.columns',
    defaultValue: defaultColumns,
  });
  return { shown: optionalColumns.filter((c) => columns.includes(c)), columns, setColumns };
}

export function useColumnTitle() {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  return (c: Column) => (c === 'company' ? words.singular : t(`devices.columns.${c}`));
}

export function ColumnsMenu({
  columns,
  setColumns,
}: Pick<ReturnType<typeof useShownColumns>, 'columns' | 'setColumns'>) {
  const { t } = useTranslation();
  const title = useColumnTitle();
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
          {t('devices.list.columns')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {optionalColumns.map((c) => (
          <Menu.Item key={c}>
            <Checkbox
              label={title(c)}
              checked={columns.includes(c)}
              onChange={(e) => setColumns(e.currentTarget.checked ? [...columns, c] : columns.filter((x) => x !== c))}
            />
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** One cell; the list passes its formatters (each cell asking for its own cost a page of rows dearly). */
export function Cell({ device, column, format }: { device: Device; column: Column; format: Formatters }) {
  switch (column) {
    case 'company':
      return <Text size="sm">{device.company.name}</Text>;
    case 'status':
      return <DeviceStatusBadge device={device} />;
    case 'os':
      return <OsText device={device} />;
    case 'hostname':
      return <Text size="sm">{device.hostname}</Text>;
    case 'ipAddresses':
      return (
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {device.ipAddresses.join(', ')}
        </Text>
      );
    case 'tags':
      return <TagList tags={device.tags} />;
    case 'lastSeen':
      return <Text size="sm">{format.dateTime(device.lastSeenAt)}</Text>;
    case 'enrolled':
      return <Text size="sm">{format.dateTime(device.enrolledAt)}</Text>;
    case 'agentVersion':
      return <Text size="sm">{device.agentVersion}</Text>;
  }
}

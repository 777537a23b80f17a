import { Anchor, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { DeviceStatusBadge, Fact, gigabytes, OsText } from './parts.js';

/** What the agent reported: status, company, system, hardware and disks. */
export function DeviceInventory({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  const hw = device.hardware;
  const uptimeHours = hw.uptimeSeconds === null ? null : Math.floor(hw.uptimeSeconds / 3600);
  return (
    <Paper withBorder radius="md" p="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Fact label={t('devices.columns.status')}>
          <DeviceStatusBadge device={device} />
        </Fact>
        <Fact label={words.singular}>
          <Anchor component={Link} to={`/companies/${device.company.id}`} size="sm">
            {device.company.name}
          </Anchor>
        </Fact>
        <Fact label={t('devices.columns.os')}>
          <OsText device={device} />
        </Fact>
        <Fact label={t('devices.columns.hostname')}>
          <Text size="sm">{device.hostname}</Text>
        </Fact>
        <Fact label={t('devices.columns.ipAddresses')}>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {device.ipAddresses.join(', ')}
          </Text>
        </Fact>
        <Fact label={t('devices.columns.agentVersion')}>
          <Text size="sm">{device.agentVersion}</Text>
        </Fact>
        <Fact label={t('devices.detail.cpu')}>
          <Text size="sm">
            {hw.cpu ? t('devices.detail.cpuText', { model: hw.cpu.model, cores: format.number(hw.cpu.cores) }) : '—'}
          </Text>
        </Fact>
        <Fact label={t('devices.detail.memory')}>
          <Text size="sm">{hw.memory ? gigabytes(hw.memory.totalBytes, format.number) : '—'}</Text>
        </Fact>
        <Fact label={t('devices.detail.uptime')}>
          <Text size="sm">
            {uptimeHours === null
              ? '—'
              : t('devices.detail.hours', { count: uptimeHours, hours: format.number(uptimeHours) })}
          </Text>
        </Fact>
        <Fact label={t('devices.columns.enrolled')}>
          <Text size="sm">{format.dateTime(device.enrolledAt)}</Text>
        </Fact>
        <Fact label={t('devices.columns.lastSeen')}>
          <Text size="sm" data-testid="last-seen">
            {format.dateTime(device.lastSeenAt)}
          </Text>
        </Fact>
        <Fact label={t('devices.detail.inventoryAt')}>
          <Text size="sm">{device.inventoryAt ? format.dateTime(device.inventoryAt) : '—'}</Text>
        </Fact>
      </SimpleGrid>
      {hw.disks.length > 0 ? (
        <Table mt="md" aria-label={t('devices.detail.disks')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('devices.detail.mount')}</Table.Th>
              <Table.Th>{t('devices.detail.size')}</Table.Th>
              <Table.Th>{t('devices.detail.used')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hw.disks.map((d, i) => (
              <Table.Tr key={`${d.mount}-${i}`}>
                <Table.Td>{d.mount}</Table.Td>
                <Table.Td>{gigabytes(d.sizeBytes, format.number)}</Table.Td>
                <Table.Td>{gigabytes(d.usedBytes, format.number)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

import { Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { useFormat } from '../../lib/format.js';
import { DeviceStatusBadge } from './parts.js';

/** When the device went online and offline, newest first. */
export function StatusHistory({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="lg">
      {device.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('devices.detail.noHistory')}
        </Text>
      ) : (
        <Table aria-label={t('devices.detail.history')} data-testid="status-history">
          <Table.Tbody>
            {device.history.map((h, i) => (
              <Table.Tr key={`${h.at}-${i}`}>
                <Table.Td w={120}>
                  <DeviceStatusBadge device={{ status: h.status, revoked: false }} />
                </Table.Td>
                <Table.Td>{format.dateTime(h.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

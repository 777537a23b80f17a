import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.js';
import type { TransportKind } from './transport.js';

/** The transport in use (Direct / Relayed), and frames per second and kbit/s received. */
export function RemoteStatus({
  kind,
  rate,
}: {
  kind: TransportKind | null;
  rate: { fps: number; kbps: number } | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="md" data-testid="remote-status">
      <Badge
        variant="light"
        color={kind === 'direct' ? 'teal' : kind === 'relayed' ? 'blue' : 'gray'}
        data-testid="remote-transport"
        data-transport={kind ?? 'none'}
        aria-label={`${t('remote.transport.label')}: ${t(`remote.transport.${kind ?? 'none'}`)}`}
      >
        {t(`remote.transport.${kind ?? 'none'}`)}
      </Badge>
      {kind && rate ? (
        <>
          <Text size="xs" c="dimmed" data-testid="remote-fps">
            {t('remote.quality.fps', { fps: format.number(rate.fps) })}
          </Text>
          <Text size="xs" c="dimmed" data-testid="remote-kbps">
            {t('remote.quality.kbps', { kbps: format.number(rate.kbps) })}
          </Text>
        </>
      ) : null}
    </Group>
  );
}

import { Badge, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiverStats, ScreenReceiver } from '../../../shared/rtc/screen-share.js';
import { useFormat } from '../../lib/format.js';

const statsEveryMs = 2000;

const stateColor: Record<RTCPeerConnectionState, string> = {
  new: 'gray',
  connecting: 'yellow',
  connected: 'teal',
  disconnected: 'orange',
  failed: 'red',
  closed: 'gray',
};

/** The connection's state and, while connected, frame rate, resolution, round trip and path (every 2 s). */
export function Quality({
  receiver,
  connection,
}: {
  receiver: ScreenReceiver | null;
  connection: RTCPeerConnectionState | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [stats, setStats] = useState<ReceiverStats | null>(null);
  useEffect(() => {
    if (!receiver) return;
    const read = () => void receiver.stats().then(setStats, () => setStats(null));
    const timer = window.setInterval(read, statsEveryMs);
    return () => window.clearInterval(timer);
  }, [receiver]);
  const shown = connection === 'connected' ? stats : null;
  return (
    <Group gap="md" data-testid="connection-quality">
      <Badge variant="light" color={connection ? stateColor[connection] : 'gray'}>
        {t(`sessions.connection.${connection ?? 'new'}`)}
      </Badge>
      {shown ? (
        <>
          <Text size="xs" c="dimmed">
            {t('sessions.quality.fps', { fps: format.number(Math.round(shown.framesPerSecond ?? 0)) })}
          </Text>
          {shown.frameWidth && shown.frameHeight ? (
            <Text size="xs" c="dimmed">
              {format.number(shown.frameWidth)} × {format.number(shown.frameHeight)}
            </Text>
          ) : null}
          {shown.roundTripMs !== null ? (
            <Text size="xs" c="dimmed">
              {t('sessions.quality.roundTrip', { ms: format.number(Math.round(shown.roundTripMs)) })}
            </Text>
          ) : null}
          {shown.candidateType ? (
            <Text size="xs" c="dimmed" data-testid="connection-path">
              {shown.candidateType === 'relay' ? t('sessions.quality.relayed') : t('sessions.quality.direct')}
            </Text>
          ) : null}
        </>
      ) : null}
    </Group>
  );
}

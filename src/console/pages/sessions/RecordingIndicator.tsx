import { Badge, Group, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { chooseRecording, sessionKeys } from './api.js';
import type { QueueState } from './recorder.js';

/** Whether the session is recorded, the upload's state, and (optional policy, before consent) the choice. */
export function RecordingIndicator({
  session,
  recording,
  queue,
}: {
  session: Session;
  recording: boolean;
  queue: QueueState | null;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const choose = useMutation({
    mutationFn: (recorded: boolean) => chooseRecording(session.id, recorded),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) }),
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const choosable =
    session.recordingPolicy === 'optional' &&
    session.abilities.end &&
    (session.status === 'waiting' || session.status === 'joined');
  return (
    <Group gap="xs" data-testid="recording-indicator">
      {choosable ? (
        <Switch
          size="sm"
          label={t('sessions.recording.record')}
          checked={session.recorded}
          disabled={choose.isPending}
          onChange={(e) => choose.mutate(e.currentTarget.checked)}
        />
      ) : null}
      {recording ? (
        <Badge color="red" variant="filled" leftSection={<span aria-hidden>●</span>}>
          {t('sessions.recording.live')}
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          {t(session.recorded ? 'sessions.recording.on' : 'sessions.recording.off')}
        </Badge>
      )}
      {queue?.retrying ? (
        <Text size="xs" c="orange">
          {t('sessions.recording.retrying', { count: queue.pending })}
        </Text>
      ) : null}
      {queue?.stopped ? (
        <Text size="xs" c="red" role="status">
          {t(`sessions.recording.stopped.${queue.stopped}`)}
        </Text>
      ) : null}
    </Group>
  );
}

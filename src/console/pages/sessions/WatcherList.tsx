import { CloseButton, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { removeWatcher, sessionKeys } from './api.js';

/** The technicians invited to watch; the owner (or an administrator) removes one, a watcher removes themselves. */
export function WatcherList({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (userId: string) => removeWatcher(session.id, userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) }),
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  return (
    <Group gap="xs" wrap="wrap">
      {session.watchers.map((watcher) => (
        <Group key={watcher.id} gap={2} wrap="nowrap">
          <Text size="sm">{watcher.name}</Text>
          {session.abilities.invite || watcher.id === me.user.id ? (
            <CloseButton
              size="sm"
              aria-label={t('sessions.watchers.remove', { name: watcher.name })}
              disabled={remove.isPending}
              onClick={() => remove.mutate(watcher.id)}
            />
          ) : null}
        </Group>
      ))}
    </Group>
  );
}

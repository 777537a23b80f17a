import { Badge, Group, NumberInput, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { presenceStatuses, type Presence, type PresenceStatus } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { useLiveMessage } from '../../live/useLive.js';
import { requestKeys, savePresence, usePresence } from './api.js';

/** The technician's status (available, busy, away) and chat capacity, and whether new chats reach them. */
export function PresenceControl() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const presence = usePresence();
  // the box follows the stored capacity whenever it changes (typing edits it until then)
  const stored = presence.data?.capacity;
  const [capacity, setCapacity] = useState<number | string>(stored ?? '');
  const [shown, setShown] = useState(stored);
  if (stored !== shown) {
    setShown(stored);
    if (stored !== undefined) setCapacity(stored);
  }
  // accepting, closing or a transfer changes the count of active chats (a new message does not)
  useLiveMessage('support.request', () => void queryClient.invalidateQueries({ queryKey: requestKeys.presence }));

  const save = useMutation({
    mutationFn: savePresence,
    onMutate: (patch) => {
      const previous = queryClient.getQueryData<Presence>(requestKeys.presence);
      if (previous) queryClient.setQueryData(requestKeys.presence, { ...previous, ...patch });
      return { previous };
    },
    onSuccess: (saved) => queryClient.setQueryData(requestKeys.presence, saved),
    onError: (error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(requestKeys.presence, context.previous);
      notifications.show({ color: 'red', title: t('presence.saveFailed'), message: errorText(t, error, locale) });
    },
  });

  const p = presence.data;
  const commitCapacity = () => {
    const value = typeof capacity === 'number' ? capacity : Number(capacity);
    if (p && Number.isInteger(value) && value >= 1 && value <= limits.chatCapacityMax && value !== p.capacity)
      save.mutate({ capacity: value });
    else if (p) setCapacity(p.capacity);
  };

  return (
    <Group gap="md" align="flex-end" wrap="wrap" data-testid="presence">
      <div>
        <Text size="sm" fw={500} mb={4} id="presence-label">
          {t('presence.label')}
        </Text>
        <SegmentedControl
          aria-labelledby="presence-label"
          value={p?.status ?? 'away'}
          onChange={(value) => save.mutate({ status: value as PresenceStatus })}
          disabled={!p}
          data={presenceStatuses.map((status) => ({ value: status, label: t(`presence.status.${status}`) }))}
          color={p?.status === 'available' ? 'teal' : p?.status === 'busy' ? 'orange' : 'gray'}
        />
      </div>
      <NumberInput
        label={t('presence.capacity')}
        description={t('presence.capacityHelp')}
        min={1}
        max={limits.chatCapacityMax}
        w={170}
        value={capacity}
        onChange={setCapacity}
        onBlur={commitCapacity}
        onKeyDown={(e) => e.key === 'Enter' && commitCapacity()}
        disabled={!p}
      />
      {p ? (
        <Group gap="xs" pb={4}>
          <Badge variant="light" color={p.available ? 'teal' : 'gray'} data-testid="availability">
            {p.available ? t('presence.availableNow') : t('presence.notAvailable')}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('presence.active', { count: p.activeChats })}
          </Text>
        </Group>
      ) : null}
    </Group>
  );
}

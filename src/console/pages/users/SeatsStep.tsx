import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import { modules, type Module } from '../../../shared/licence.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { assignSeat, invalidateSeats, releaseSeat, useSeats } from '../seats/api.js';
import { seatRefusalText } from '../seats/refusals.js';
import { refreshUsers } from './api.js';

/** Module access is a seat of the module: the seats routes assign and release them. */
export function SeatsStep({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const seats = useSeats();
  const [problems, setProblems] = useState<string[]>([]);
  const mayChange = user.abilities.manageSeats && can(me, 'seats.update');
  const toggle = useMutation({
    mutationFn: async ({ module, hold }: { module: Module; hold: boolean }) => {
      if (hold) await assignSeat(module, user.id);
      else await releaseSeat(module, user.id);
    },
    onSuccess: (_r, { module, hold }) => {
      setProblems([]);
      refreshUsers(queryClient);
      invalidateSeats(queryClient);
      notifications.show({
        color: 'teal',
        message: t(hold ? 'users.steps.seats.assigned' : 'users.steps.seats.released', {
          name: user.name,
          module: t(`seats.modules.${module}`),
        }),
      });
    },
    onError: (error) => setProblems([seatRefusalText(t, error, locale)]),
  });
  const why = !user.abilities.update
    ? null
    : user.role === 'viewer'
      ? t('users.steps.seats.viewer')
      : user.status === 'disabled'
        ? t('users.steps.seats.disabled')
        : null;
  return (
    <Stack gap="md" mt="md">
      <Text size="sm" c="dimmed">
        {t('users.steps.seats.intro')}
      </Text>
      <FormAlert messages={problems} />
      {why ? (
        <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {why}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {modules.map((module) => {
          const held = user.seats.includes(module);
          const usage = seats.data?.modules.find((m) => m.module === module);
          const busy = toggle.isPending && toggle.variables?.module === module;
          return (
            <Paper key={module} withBorder radius="md" p="md">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Text fw={600}>{t(`seats.modules.${module}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`seats.moduleHelp.${module}`)}
                  </Text>
                  {usage ? (
                    <Badge variant="light" color={usage.used >= usage.total ? 'orange' : 'gray'} mt={4}>
                      {t('seats.usageLabel', {
                        name: t(`seats.modules.${module}`),
                        used: usage.used,
                        total: usage.total,
                      })}
                    </Badge>
                  ) : null}
                </Stack>
                <Switch
                  checked={held}
                  disabled={!mayChange || busy}
                  onChange={(e) => toggle.mutate({ module, hold: e.currentTarget.checked })}
                  label={held ? t('users.steps.seats.holds') : t('users.steps.seats.lacks')}
                  labelPosition="left"
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  aria-label={t('users.steps.seats.toggle', { module: t(`seats.modules.${module}`) })}
                />
              </Group>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArmchair } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Module } from '../../shared/licence.js';
import { refusalOf } from '../../shared/refusals.js';
import { ApiError } from '../api/client.js';
import { useFormat } from '../lib/format.js';
import { assignSeat, invalidateSeats, useMySeats } from '../pages/seats/api.js';
import { seatRefusalText } from '../pages/seats/refusals.js';
import { can, useSession } from '../session/api.js';

/**
 * Why a user cannot open a module. Someone who manages seats is offered to take one at once (or to
 * open "Seats & devices" to raise the count); everyone else is told to ask an administrator.
 */
export function SeatRequired({ module }: { module: Module }) {
  const { t } = useTranslation();
  const me = useSession();
  const name = t(`seats.modules.${module}`);
  const manages = can(me, 'seats.update');
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconArmchair aria-hidden />}
      title={t('seats.required.title', { module: name })}
      role="status"
      data-testid={`seat-required-${module}`}
    >
      {manages ? <TakeASeat module={module} /> : t('seats.required.message', { module: name })}
    </Alert>
  );
}

/** For a manager of seats: "Assign myself a seat", and the way to the Seats page. */
function TakeASeat({ module }: { module: Module }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const name = t(`seats.modules.${module}`);
  const take = useMutation({
    mutationFn: () => assignSeat(module, me.user.id),
    onSuccess: () => invalidateSeats(queryClient),
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('seats.required.manager', { module: name })}</Text>
      {take.isError ? (
        <Text size="sm" c="red.9" role="alert">
          {seatRefusalText(t, take.error, locale)}
        </Text>
      ) : null}
      <Group gap="sm">
        <Button size="xs" onClick={() => take.mutate()} loading={take.isPending}>
          {t('seats.required.takeOne', { module: name })}
        </Button>
        <Button size="xs" variant="default" component={Link} to="/seats">
          {t('seats.required.openSeats')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Shows its children only to holders of a seat of `module`; everyone else reads why not. */
export function RequireSeat({ module, children }: { module: Module; children: ReactNode }) {
  const seats = useMySeats();
  if (seats.isPending) {
    return (
      <Center mih={120}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (!seats.data?.modules.includes(module)) return <SeatRequired module={module} />;
  return <>{children}</>;
}

/** The module of a server refusal "You need a … seat" (403 with reason `seat_required`), if it is one. */
export function seatRequiredBy(error: unknown): Module | null {
  if (!(error instanceof ApiError) || error.code !== 'forbidden') return null;
  const refusal = refusalOf(error.details);
  return refusal?.reason === 'seat_required' ? refusal.module : null;
}

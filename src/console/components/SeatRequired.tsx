import { Alert, Center, Loader } from '@mantine/core';
import { IconArmchair } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Module } from '../../shared/licence.js';
import { refusalOf } from '../../shared/refusals.js';
import { ApiError } from '../api/client.js';
import { useMySeats } from '../pages/seats/api.js';

/** Why a user cannot open a module: "You need a Remote Support seat to use this. Ask an administrator." */
export function SeatRequired({ module }: { module: Module }) {
  const { t } = useTranslation();
  const name = t(`seats.modules.${module}`);
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconArmchair aria-hidden />}
      title={t('seats.required.title', { module: name })}
      role="status"
      data-testid={`seat-required-${module}`}
    >
      {t('seats.required.message', { module: name })}
    </Alert>
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

import { Badge, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import type { Role } from '../../../shared/permissions.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';

const roleColors: Record<Role, string> = { administrator: 'grape', technician: 'blue', viewer: 'gray' };
const statusColors: Record<ManagedUser['status'], string> = { invited: 'yellow', active: 'teal', disabled: 'red' };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={roleColors[role]}>
      {t(`roles.${role}`)}
    </Badge>
  );
}

/** The status, and for an invited user whether their invitation is pending, expired or revoked. */
export function StatusBadge({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const badge = (
    <Badge variant="dot" color={statusColors[user.status]}>
      {t(`users.status.${user.status}`)}
    </Badge>
  );
  if (user.status !== 'invited') return badge;
  const note = !user.invitation
    ? t('users.invitationState.none')
    : user.invitation.expired
      ? t('users.invitationState.expired', { date: format.dateTime(user.invitation.expiresAt) })
      : t('users.invitationState.pending', { date: format.dateTime(user.invitation.expiresAt) });
  return (
    <Stack gap={2} align="flex-start">
      {badge}
      <Text size="xs" c={user.invitation && !user.invitation.expired ? 'dimmed' : 'orange.8'}>
        {note}
      </Text>
    </Stack>
  );
}

export function SeatBadges({ seats }: { seats: ManagedUser['seats'] }) {
  const { t } = useTranslation();
  if (seats.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('users.seats.none')}
      </Text>
    );
  return (
    <Group gap={4}>
      {seats.map((module) => (
        <Badge key={module} variant="outline" color="indigo" size="sm">
          {t(`seats.modules.${module}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** "All companies", or the names of the companies (those the viewer can see). */
export function CompanyAccessText({
  access,
  nameOf,
  max = 3,
}: {
  access: ManagedUser['companyAccess'];
  nameOf: (id: string) => string | undefined;
  max?: number;
}) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  if (access === 'all') return <Text size="sm">{t('companySwitcher.all', labelOptions(words))}</Text>;
  const names = access.map((id) => nameOf(id) ?? t('users.companies.unknown'));
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  return (
    <Text size="sm">
      {shown.join(', ')}
      {rest > 0 ? (
        <Tooltip label={names.slice(max).join(', ')} multiline maw={320}>
          <Text span c="dimmed" size="sm">
            {' '}
            {t('users.companies.more', { count: rest })}
          </Text>
        </Tooltip>
      ) : null}
    </Text>
  );
}

/** A yes/no question before an action that matters. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  danger = false,
  loading,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={loading} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

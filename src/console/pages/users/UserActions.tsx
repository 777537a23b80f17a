import { ActionIcon, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconKey,
  IconMailForward,
  IconMailOff,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import { useFormat } from '../../lib/format.js';
import { sessionKeys, useSession } from '../../session/api.js';
import { refreshUsers, runUserAction, userErrorText, type UserAction } from './api.js';
import { ConfirmModal } from './parts.js';

type Action = UserAction;

/**
 * What the signed-in person may do to a user, as the server's abilities say: a compact menu in
 * lists, a button menu on the user's page. Each action is confirmed first.
 */
export function UserActions({
  user,
  variant = 'icon',
  showEdit = true,
}: {
  user: ManagedUser;
  variant?: 'icon' | 'button';
  showEdit?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);
  const a = user.abilities;
  const self = user.id === me.user.id;

  const run = useMutation({
    mutationFn: (action: Action) => runUserAction(user.id, action),
    onSuccess: (_result, action) => {
      refreshUsers(queryClient);
      notifications.show({ color: 'teal', message: t(`users.actions.${action}.done`, { name: user.name }) });
      setPending(null);
      if (self && (action === 'disable' || action === 'delete')) {
        // the server ended this very session
        void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
        return;
      }
      if (action === 'delete') void navigate('/users', { replace: true });
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: t('users.actions.failed'), message: userErrorText(t, error, locale) });
      setPending(null);
    },
  });

  const items: { action: Action; icon: React.ReactNode; danger?: boolean; allowed: boolean }[] = [
    { action: 'resend', icon: <IconMailForward size={16} aria-hidden />, allowed: a.resendInvitation },
    { action: 'revoke', icon: <IconMailOff size={16} aria-hidden />, allowed: a.revokeInvitation },
    // user management may send an active user a link to choose a new password
    { action: 'passwordReset', icon: <IconKey size={16} aria-hidden />, allowed: a.update && user.status === 'active' },
    { action: 'enable', icon: <IconPlayerPlay size={16} aria-hidden />, allowed: a.enable },
    { action: 'disable', icon: <IconPlayerStop size={16} aria-hidden />, allowed: a.disable },
    { action: 'delete', icon: <IconTrash size={16} aria-hidden />, danger: true, allowed: a.delete },
  ];
  const allowed = items.filter((i) => i.allowed);
  if (allowed.length === 0 && !(showEdit && a.update)) return null;

  const label = t('users.actions.menu', { name: user.name });
  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          {variant === 'icon' ? (
            <ActionIcon variant="subtle" color="gray" aria-label={label}>
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          ) : (
            <Button variant="default" rightSection={<IconDots size={16} aria-hidden />} aria-label={label}>
              {t('common.actions')}
            </Button>
          )}
        </Menu.Target>
        <Menu.Dropdown>
          {showEdit && a.update ? (
            <Menu.Item component={Link} to={`/users/${user.id}`} leftSection={<IconPencil size={16} aria-hidden />}>
              {t('users.actions.edit')}
            </Menu.Item>
          ) : null}
          {allowed.map((item) => (
            <Menu.Item
              key={item.action}
              leftSection={item.icon}
              color={item.danger ? 'red' : undefined}
              onClick={() => setPending(item.action)}
            >
              {t(`users.actions.${item.action}.label`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={pending !== null}
        title={pending ? t(`users.actions.${pending}.title`, { name: user.name }) : ''}
        confirmLabel={pending ? t(`users.actions.${pending}.confirm`) : ''}
        danger={pending === 'delete' || pending === 'disable'}
        loading={run.isPending}
        onConfirm={() => pending && run.mutate(pending)}
        onClose={() => setPending(null)}
      >
        <Text size="sm">
          {pending ? t(`users.actions.${pending}.message`, { name: user.name, email: user.email }) : null}
        </Text>
        {self && (pending === 'disable' || pending === 'delete') ? (
          <Text size="sm" fw={600}>
            {t('users.actions.selfWarning')}
          </Text>
        ) : null}
      </ConfirmModal>
    </>
  );
}

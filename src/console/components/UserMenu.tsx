import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../shared/contracts/me.js';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { useFormat } from '../lib/format.js';
import { endSession, signOut as endOnServer } from '../session/api.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

/** The top bar's menu of the signed-in person: My account and sign out. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { locale } = useFormat();
  const signOut = useMutation({
    mutationFn: endOnServer,
    onSettled: (_data, error) => {
      // Whatever the answer, this browser forgets the session.
      endSession(queryClient);
      void navigate('/login', { replace: true });
      if (error && !(error instanceof ApiError && error.status === 401)) {
        notifications.show({ color: 'red', message: errorText(t, error, locale) });
      } else {
        notifications.show({ color: 'teal', message: t('shell.signedOut') });
      }
    },
  });

  return (
    <Menu position="bottom-end" shadow="md" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton className="user-button" aria-label={t('shell.userMenu', { name: me.user.name })}>
          <Group gap={8} wrap="nowrap">
            {/* the initials are drawn by CSS: a picture of the person, so that the button's name (the person's
                name, shown beside it on wide screens) is all the text it shows */}
            <Avatar size={32} radius="xl" color="initials" name={me.user.name} aria-hidden>
              <span className="user-initials" data-initials={initials(me.user.name)} />
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="xl" maw={160} truncate>
              {me.user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={18} aria-hidden />}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={18} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

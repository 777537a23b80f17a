import { AppShell, Avatar, Box, Button, Container, Divider, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconSettings, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { meResponse, type Me } from '../../shared/contracts/me.js';
import type { Language } from '../../shared/locales.js';
import { api, ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { endSession, queryKeys, useSession } from '../api/queries.js';
import { applyLanguage, currentLanguage } from '../i18n.js';
import { useFormat } from '../lib/format.js';
import { CompanySwitcher } from '../company-filter/CompanySwitcher.js';
import { usePageName } from '../company-label/useCompanyLabel.js';
import { configureItems, mayOpen } from '../navigation.js';
import { LiveStatusBadge } from '../live/LiveStatusBadge.js';
import { WorkspaceLinks } from '../pages/support/WorkspaceLinks.js';
import { DevicesLink } from '../pages/devices/DevicesLink.js';
import { Brand } from './Brand.js';
import { PageLoader } from './Feedback.js';
import { LanguageSwitch } from './LanguageSwitch.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

function ConfigureMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const pageName = usePageName();
  const location = useLocation();
  const items = configureItems.filter((item) => mayOpen(me, item));
  return (
    <Menu position="bottom-end" shadow="md" width={250} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          leftSection={<IconSettings size={18} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('nav.configure')}
          px={{ base: 8, sm: 'md' }}
        >
          <Box component="span" visibleFrom="sm">
            {t('nav.configure')}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => {
          const Icon = item.icon;
          const active = location.pathname === item.path;
          return (
            <Menu.Item
              key={item.page}
              component={Link}
              to={item.path}
              leftSection={<Icon size={18} aria-hidden />}
              aria-current={active ? 'page' : undefined}
              fw={active ? 600 : undefined}
            >
              {pageName(item.page)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { locale } = useFormat();
  const signOut = useMutation({
    mutationFn: () => api.post<void>('/auth/logout', undefined, { skipAuthRedirect: true }),
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
            <Avatar size={32} radius="xl" color="initials" name={me.user.name}>
              {initials(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>
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

/** Signed in, the UI speaks the user's language; switching saves it to the profile. */
function useUserLanguage(me: Me) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { locale } = useFormat();

  useEffect(() => {
    void applyLanguage(me.user.language);
  }, [me.user.language]);

  const save = useMutation({
    mutationFn: (language: Language) => api.patch('/me', { language }, { schema: meResponse }),
    onSuccess: (updated) => queryClient.setQueryData(queryKeys.me, updated),
  });

  return (language: Language) => {
    const previous = currentLanguage();
    void applyLanguage(language);
    save.mutate(language, {
      onError: (error) => {
        void applyLanguage(previous);
        notifications.show({ color: 'red', title: t('language.saveFailed'), message: errorText(t, error, locale) });
      },
    });
  };
}

export function Shell() {
  const { t } = useTranslation();
  const me = useSession();
  const changeLanguage = useUserLanguage(me);
  const location = useLocation();

  // After client-side navigation, move focus to the page so keyboard and screen-reader users follow along.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => document.getElementById('main')?.focus({ preventScroll: true }), 0);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell header={{ height: 60 }} padding={0}>
        <AppShell.Header component="header">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 auto', overflow: 'hidden' }}>
              <UnstyledButton component={Link} to="/" aria-label={t('shell.home')} className="brand-link">
                <Brand />
              </UnstyledButton>
              <Divider orientation="vertical" visibleFrom="sm" my={18} />
              <Text c="dimmed" size="sm" truncate visibleFrom="sm" maw={260} title={me.account.name}>
                {me.account.name}
              </Text>
            </Group>
            <Group
              gap={4}
              wrap="nowrap"
              component="nav"
              aria-label={t('shell.mainNavigation')}
              style={{ flexShrink: 0 }}
            >
              <LiveStatusBadge />
              <WorkspaceLinks me={me} />
              {me.abilities['devices.read'] ? <DevicesLink /> : null}
              {me.abilities['companies.read'] ? <CompanySwitcher /> : null}
              <ConfigureMenu me={me} />
              <LanguageSwitch onChange={changeLanguage} compact />
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main id="main" tabIndex={-1} className="main-region">
          <Container size="lg" py="xl">
            <Suspense fallback={<PageLoader />}>
              <Outlet />
            </Suspense>
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

import { AppShell, Container, Divider, Group, Text, UnstyledButton } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { CompanySwitcher } from '../company-filter/CompanySwitcher.js';
import { LiveStatusBadge } from '../live/LiveStatusBadge.js';
import { useLiveStatus } from '../live/useLive.js';
import { DevicesLink } from '../pages/devices/DevicesLink.js';
import { WorkspaceLinks } from '../pages/support/WorkspaceLinks.js';
import { useSession } from '../session/api.js';
import { Brand } from './Brand.js';
import { ConfigureMenu } from './ConfigureMenu.js';
import { PageLoader } from './Feedback.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';
import { useUserLanguage } from './useUserLanguage.js';
import { useCompanyWordVariables } from '../company-label/variables.js';
import { useDiscoveryPass } from '../discovery-pass.js';

/** The signed-in console's frame: its header and the page. */
export function Shell() {
  return useDiscoveryPass() ? <PageOnly /> : <ShellWithHeader />;
}

/** The page alone, for a server pass that only finds which answers the page asks for. */
function PageOnly() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

function ShellWithHeader() {
  const { t } = useTranslation();
  const me = useSession();
  useCompanyWordVariables();
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

  const liveStatus = useLiveStatus();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      {/* the live socket's state, for whatever watches the page (browser automation, styles) */}
      <AppShell header={{ height: 60 }} padding={0} data-live-status={liveStatus}>
        <AppShell.Header component="header">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 auto', overflow: 'hidden' }}>
              <UnstyledButton
                component={Link}
                to="/"
                aria-label={t('shell.home')}
                className="brand-link"
                style={{ flexShrink: 0 }}
              >
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

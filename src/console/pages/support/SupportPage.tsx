import { Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useLocalStorage } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestView } from '../../../shared/contracts/support-requests.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RequireSeat } from '../../components/SeatRequired.js';
import { NewSessionButton } from '../sessions/NewSessionModal.js';
import { ForbiddenPage } from '../StatusPages.js';
import { askNotificationPermission, notificationState, type NotificationState } from './alerts.js';
import { PresenceControl } from './PresenceControl.js';
import { RequestDetail } from './RequestDetail.js';
import { RequestsBrowser } from './RequestsBrowser.js';
import { useRequestFeed } from './useRequestFeed.js';
import { useBrowserValue } from '../../lib/useBrowserValue.js';

const views = ['new', 'active', 'mine', 'completed'] as const satisfies readonly RequestView[];
const soundKey = 'tandem.support.sound';

function NotificationSwitch() {
  const { t } = useTranslation();
  // the browser's permission as it is, until the person answers the browser's question
  const [answered, setState] = useState<NotificationState | null>(null);
  const permission = useBrowserValue<NotificationState>(notificationState, 'unsupported');
  const state = answered ?? permission;
  if (state === 'unsupported') return null;
  if (state === 'granted' || state === 'denied') {
    return (
      <Text size="sm" c="dimmed">
        <IconBell size={14} aria-hidden />{' '}
        {state === 'granted' ? t('requests.alerts.enabled') : t('requests.alerts.blocked')}
      </Text>
    );
  }
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconBell size={14} aria-hidden />}
      onClick={() => void askNotificationPermission().then(setState)}
    >
      {t('requests.alerts.enable')}
    </Button>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const [sound, setSound] = useLocalStorage({
    key: soundKey,
    defaultValue: true,
    // read once the page is shown (the server draws it with the sound on)
    getInitialValueInEffect: true,
    serialize: (on) => (on ? 'on' : 'off'),
    deserialize: (stored) => stored !== 'off',
  });
  const me = useSession();
  useRequestFeed({ sound, basePath: '/support' });

  return (
    <>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/support/canned-replies" variant="default">
              {t('requests.canned.nav')}
            </Button>
            {can(me, 'reports.read') ? (
              <Button component={Link} to="/support/satisfaction" variant="default">
                {t('requests.satisfaction.nav')}
              </Button>
            ) : null}
            {can(me, 'sessions.run') ? <NewSessionButton /> : null}
          </Group>
        }
      />
      <Paper withBorder radius="md" px="md" py="xs" mb="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <PresenceControl />
          <Stack gap={4} align="flex-end">
            <Switch
              label={t('requests.alerts.sound')}
              checked={sound}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSound(on);
              }}
            />
            <NotificationSwitch />
          </Stack>
        </Group>
      </Paper>
      <RequestsBrowser
        views={views}
        viewLabel={(v) => t(`requests.views.${v}`)}
        basePath="/support"
        detail={(id) => <RequestDetail key={id} id={id} />}
      />
    </>
  );
}

/** The technicians' workspace for live chats (Remote Support seat). */
export default function SupportPage() {
  const { t } = useTranslation();
  const me = useSession();
  if (!can(me, 'requests.answer')) return <ForbiddenPage title={t('requests.title')} />;
  return (
    <RequireSeat module="remoteSupport">
      <Workspace />
    </RequireSeat>
  );
}

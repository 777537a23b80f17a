import { Button, Grid, Group, Paper, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBell, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { RequestView } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../api/queries.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RequireSeat } from '../../components/SeatRequired.js';
import { ForbiddenPage } from '../StatusPages.js';
import { askNotificationPermission, notificationState, type NotificationState } from './alerts.js';
import { PresenceControl } from './PresenceControl.js';
import { RequestDetail } from './RequestDetail.js';
import { RequestList } from './RequestList.js';
import { useRequestFeed } from './useRequestFeed.js';

const views = ['new', 'active', 'mine', 'completed'] as const satisfies readonly RequestView[];
type View = (typeof views)[number];
const soundKey = 'tandem.support.sound';

function NotificationSwitch() {
  const { t } = useTranslation();
  const [state, setState] = useState<NotificationState>(notificationState);
  if (state === 'unsupported') return null;
  if (state === 'granted' || state === 'denied') {
    return (
      <Text size="sm" c="dimmed">
        <IconBell size={14} aria-hidden /> {state === 'granted' ? t('requests.alerts.enabled') : t('requests.alerts.blocked')}
      </Text>
    );
  }
  return (
    <Button variant="subtle" size="compact-sm" leftSection={<IconBell size={14} aria-hidden />} onClick={() => void askNotificationPermission().then(setState)}>
      {t('requests.alerts.enable')}
    </Button>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const view: View = (views as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'new';
  const { companyId } = useCompanyFilter();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [sound, setSound] = useState(() => window.localStorage.getItem(soundKey) !== 'off');
  useRequestFeed({ sound, basePath: '/support' });

  return (
    <>
      <PageHeader title={t('requests.title')} description={t('requests.description')} />
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <PresenceControl />
          <Stack gap={4} align="flex-end">
            <Switch
              label={t('requests.alerts.sound')}
              checked={sound}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSound(on);
                window.localStorage.setItem(soundKey, on ? 'on' : 'off');
              }}
            />
            <NotificationSwitch />
          </Stack>
        </Group>
      </Paper>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Tabs value={view} onChange={(v) => v && void navigate(`/support${id ? `/${id}` : ''}?view=${v}`)} mb="sm">
            <Tabs.List aria-label={t('requests.viewsLabel')}>
              {views.map((v) => (
                <Tabs.Tab key={v} value={v}>
                  {t(`requests.views.${v}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <TextInput
            aria-label={t('requests.search')}
            placeholder={t('requests.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            maxLength={limits.search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            mb="sm"
          />
          <RequestList view={view} companyId={companyId} q={q} selectedId={id} basePath="/support" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {id ? (
            <RequestDetail key={id} id={id} />
          ) : (
            <Paper withBorder radius="md" p="xl">
              <Text c="dimmed" ta="center">
                {t('requests.select')}
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
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

import { Alert, Anchor, Button, Card, Grid, Group, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconAlarm,
  IconBell,
  IconDeviceDesktop,
  IconDeviceDesktopOff,
  IconHeadset,
  IconSettings,
} from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { configurePath } from '../../navigation.js';
import { useDashboard } from './api.js';
import { StatCard } from './StatCard.js';
import { useDashboardLive } from './useDashboardLive.js';

// the charts' library is most of the page's script: fetched as the page starts (beside its data)
// and shown when it arrives, the figures above them not waiting for it
const charts = import('./DeviceCharts.js');
const DeviceTrend = lazy(() => charts.then((m) => ({ default: m.DeviceTrend })));
const CompanyDevices = lazy(() => charts.then((m) => ({ default: m.CompanyDevices })));

/** "12 min", "1 h 5 min", "40 s" in the UI language. */
function useDuration() {
  const { locale } = useFormat();
  return (ms: number) => {
    const unit = (value: number, u: 'second' | 'minute' | 'hour') =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
    const seconds = Math.max(0, Math.floor(ms / 1000));
    if (seconds < 60) return unit(seconds, 'second');
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return unit(minutes, 'minute');
    return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
  };
}

/** A clock that ticks every 15 s, so waits shown grow while nothing else changes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Seats({ seats }: { seats: NonNullable<Dashboard['seats']> }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="seats">
      <Text size="sm" fw={500} mb="xs">
        {t('dashboard.seats.title')}
      </Text>
      <Stack gap="sm">
        {seats.modules.map((m) => {
          const name = t(`seats.modules.${m.module}`);
          const used = number(m.used);
          const licensed = number(m.licensed);
          return (
            <div key={m.module}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{name}</Text>
                <Anchor
                  component={Link}
                  to="/seats"
                  fw={700}
                  aria-label={t('dashboard.seats.usedLabel', { module: name, used, licensed })}
                >
                  {t('dashboard.seats.used', { used, licensed })}
                </Anchor>
              </Group>
              <Progress
                value={m.licensed > 0 ? Math.min(100, (100 * m.used) / m.licensed) : 0}
                color={m.used >= m.licensed ? 'red.7' : 'indigo'}
                aria-hidden
                mt={4}
              />
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}

/**
 * The operations dashboard, the home page: the live queue, technicians available, devices offline
 * and online with their trend and the companies most offline, alerts fired today and seats — each
 * only when the server sends it (what the user may open), each number a link to the list it counts.
 * Follows the company switcher; refetched on live events (at most every 2 s) and every minute.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const duration = useDuration();
  const now = useNow();
  const filter = useCompanyFilter();
  const query = useDashboard(filter.companyId, !filter.isPending);
  useDashboardLive();
  const firstName = me.user.name.trim().split(/\s+/)[0] ?? me.user.name;
  const data = query.data;
  const companyPart = filter.companyId ? `&companyId=${filter.companyId}` : '';

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: firstName })}
        description={t('dashboard.description', { account: me.account.name })}
        actions={
          <Button
            component={Link}
            to={configurePath}
            variant="default"
            leftSection={<IconSettings size={16} aria-hidden />}
          >
            {t('dashboard.configure')}
          </Button>
        }
      />
      {query.isError && !data ? (
        <Alert color="red" role="alert">
          {t('dashboard.loadFailed')}
        </Alert>
      ) : !data ? (
        <PageLoader />
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed" data-testid="updated-at" aria-live="polite">
            {t('dashboard.updatedAt', { time: format.preciseDateTime(new Date(query.dataUpdatedAt).toISOString()) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {data.requests ? (
              <StatCard
                testId="requests-waiting"
                label={t('dashboard.requests.waiting')}
                value={format.number(data.requests.waiting)}
                to="/support?view=new"
                icon={IconAlarm}
                color={data.requests.waiting > 0 ? 'orange' : undefined}
                hint={
                  data.requests.oldestWaitingSince
                    ? t('dashboard.requests.longestWait', {
                        duration: duration(now - new Date(data.requests.oldestWaitingSince).getTime()),
                      })
                    : t('dashboard.requests.noneWaiting')
                }
              />
            ) : null}
            {data.requests ? (
              <StatCard
                testId="technicians-available"
                label={t('dashboard.requests.available')}
                value={format.number(data.requests.techniciansAvailable)}
                to="/support"
                icon={IconHeadset}
                hint={t('dashboard.requests.availableHint')}
              />
            ) : null}
            {data.devices ? (
              <StatCard
                testId="devices-offline"
                label={t('dashboard.devices.offline')}
                value={format.number(data.devices.offline)}
                to={`/devices?status=offline${companyPart}`}
                icon={IconDeviceDesktopOff}
                color={data.devices.offline > 0 ? 'red' : undefined}
                hint={t('dashboard.devices.ofTotal', {
                  total: format.number(data.devices.online + data.devices.offline),
                })}
              />
            ) : null}
            {data.devices ? (
              <StatCard
                testId="devices-online"
                label={t('dashboard.devices.online')}
                value={format.number(data.devices.online)}
                to={`/devices?status=online${companyPart}`}
                icon={IconDeviceDesktop}
                color="teal"
              />
            ) : null}
            {data.alerts ? (
              <StatCard
                testId="alerts-today"
                label={t('dashboard.alerts.firedToday')}
                value={format.number(data.alerts.firedToday)}
                to={can(me, 'outbox.read') ? '/outbox' : '/alerts'}
                icon={IconBell}
                hint={t('dashboard.alerts.since', {
                  time: format.dateTime(data.alerts.since),
                  timeZone: data.alerts.timeZone,
                })}
              />
            ) : null}
            {data.seats ? <Seats seats={data.seats} /> : null}
          </SimpleGrid>
          {data.devices ? (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Suspense fallback={<Skeleton height={300} radius="md" />}>
                  <DeviceTrend devices={data.devices} />
                </Suspense>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Suspense fallback={<Skeleton height={300} radius="md" />}>
                  <CompanyDevices
                    devices={data.devices}
                    offlineLink={(companyId) => `/devices?status=offline&companyId=${companyId}`}
                  />
                </Suspense>
              </Grid.Col>
            </Grid>
          ) : null}
        </Stack>
      )}
    </>
  );
}

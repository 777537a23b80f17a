import { AreaChart, BarChart } from '@mantine/charts';
import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';

type Devices = NonNullable<Dashboard['devices']>;

/** Online and offline devices over the last 24 hours (the samples, then now), stacked. */
export function DeviceTrend({ devices }: { devices: Devices }) {
  const { t } = useTranslation();
  const { locale, timeZone, number } = useFormat();
  const data = useMemo(() => {
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
    return devices.trend.map((p) => ({ at: time.format(new Date(p.at)), online: p.online, offline: p.offline }));
  }, [devices.trend, locale, timeZone]);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="device-trend">
      <Title order={2} size="h4" mb="md">
        {t('dashboard.devices.trendTitle')}
      </Title>
      {data.length < 2 ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t('dashboard.devices.trendEmpty')}
        </Text>
      ) : null}
      <AreaChart
        h={220}
        data={data}
        dataKey="at"
        type="stacked"
        curveType="monotone"
        withLegend
        valueFormatter={number}
        withDots={data.length < 2}
        series={[
          { name: 'online', label: t('dashboard.devices.seriesOnline'), color: 'teal.7' },
          { name: 'offline', label: t('dashboard.devices.seriesOffline'), color: 'red.7' },
        ]}
      />
    </Card>
  );
}

/** The companies with the most offline devices: bars, and the same as links to their offline devices. */
export function CompanyDevices({
  devices,
  offlineLink,
}: {
  devices: Devices;
  offlineLink: (companyId: string) => string;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const words = useCompanyLabel();
  const data = devices.companies.map((c) => ({ name: c.name, offline: c.offline, online: c.online }));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="company-devices">
      <Title order={2} size="h4" mb="md">
        {t('dashboard.devices.byCompanyTitle', labelOptions(words))}
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.devices.byCompanyEmpty')}
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(120, 34 * data.length)}
            data={data}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            valueFormatter={number}
            yAxisProps={{ width: 120 }}
            series={[
              { name: 'offline', label: t('dashboard.devices.seriesOffline'), color: 'red.7' },
              { name: 'online', label: t('dashboard.devices.seriesOnline'), color: 'teal.7' },
            ]}
          />
          <List size="sm" mt="sm" spacing={2} listStyleType="none">
            {devices.companies.map((c) => (
              <List.Item key={c.companyId}>
                <Anchor component={Link} to={offlineLink(c.companyId)} size="sm">
                  {t('dashboard.devices.companyLink', {
                    name: c.name,
                    offline: number(c.offline),
                    online: number(c.online),
                  })}
                </Anchor>
              </List.Item>
            ))}
          </List>
          {devices.companiesWithDevices > devices.companies.length ? (
            <Text size="xs" c="dimmed" mt="xs">
              {t('dashboard.devices.moreCompanies', {
                shown: number(devices.companies.length),
                count: number(devices.companiesWithDevices),
              })}
            </Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

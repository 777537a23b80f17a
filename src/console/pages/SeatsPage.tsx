import { Alert, Badge, SimpleGrid, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageLoader, LoadError } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { HoldersSection } from './seats/HoldersSection.js';
import { LicenceForm } from './seats/LicenceForm.js';
import { useMySeats, useSeats } from './seats/api.js';
import { UsageCard } from './seats/UsageCard.js';
import { PageGuard } from './StatusPages.js';

function SeatsContent() {
  const { t } = useTranslation();
  const seats = useSeats();
  const mine = useMySeats();
  if (seats.isPending) return <PageLoader />;
  if (seats.isError) return <LoadError error={seats.error} onRetry={() => void seats.refetch()} />;
  const overview = seats.data;
  const canUpdate = overview.abilities.update;

  return (
    <Stack gap="lg">
      {!canUpdate ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('seats.readOnly')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {overview.modules.map((m) => {
          const holds = mine.data?.modules.includes(m.module);
          return (
            <UsageCard
              key={m.module}
              testId={`usage-${m.module}`}
              name={t(`seats.modules.${m.module}`)}
              help={t(`seats.moduleHelp.${m.module}`)}
              used={m.used}
              total={m.total}
              footer={
                mine.data ? (
                  <Badge variant="light" color={holds ? 'teal' : 'gray'} size="sm">
                    {holds ? t('seats.youHold') : t('seats.youLack')}
                  </Badge>
                ) : null
              }
            />
          );
        })}
        <UsageCard
          testId="usage-devices"
          name={t('seats.devices')}
          help={t('seats.devicesHelp')}
          used={overview.devices.used}
          total={overview.devices.limit}
        />
      </SimpleGrid>
      {canUpdate ? <LicenceForm key={overview.licence.updatedAt} overview={overview} /> : null}
      {overview.modules.map((m) => (
        <HoldersSection key={m.module} seats={m} canUpdate={canUpdate} />
      ))}
    </Stack>
  );
}

/** Seats & devices: the licence, its usage, and who holds each seat. */
export default function SeatsPage() {
  const { t } = useTranslation();
  return (
    <PageGuard page="seats">
      <PageHeader title={t('nav.seats')} description={t('seats.description')} />
      <SeatsContent />
    </PageGuard>
  );
}

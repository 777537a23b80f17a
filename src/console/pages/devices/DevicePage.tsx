import { Alert, Anchor, Group, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { NotFoundPage } from '../StatusPages.js';
import { RunScriptButton } from '../scripts/RunScriptButton.js';
import { useDevice, useDeviceRemote, useLiveDevices, useMayOpenDeviceSessions } from './api.js';
import { DeviceAnnotations } from './DeviceAnnotations.js';
import { DeviceInventory } from './DeviceInventory.js';
import { RemoteAccessCard } from './RemoteAccessCard.js';
import { RevokeDeviceButton } from './RevokeDeviceButton.js';
import { StatusHistory } from './StatusHistory.js';

/** One device: remote access, its inventory, tags and notes, status history; revoke for those who may. */
export default function DevicePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const device = useDevice(id);
  const mayOpenSessions = useMayOpenDeviceSessions();
  // asked for beside the device rather than once the card is drawn, after the device's answer
  useDeviceRemote(id, mayOpenSessions);
  const mayRun = can(useSession(), 'devices.control');
  useLiveDevices(queryClient, id);
  if (device.isPending) return <PageLoader />;
  if (device.isError)
    return device.error instanceof ApiError && device.error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <LoadError error={device.error} onRetry={() => void device.refetch()} />
    );
  const d = device.data;
  return (
    <>
      <Anchor
        component={Link}
        to="/devices"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden /> {t('devices.title')}
      </Anchor>
      <PageHeader
        title={d.name}
        description={d.hostname ?? undefined}
        actions={
          <Group gap="sm">
            {mayRun && !d.revoked ? <RunScriptButton deviceId={d.id} /> : null}
            {d.abilities.revoke ? <RevokeDeviceButton device={d} /> : null}
          </Group>
        }
      />
      {d.revoked ? (
        <Alert color="gray" variant="light" mb="md">
          {t('devices.detail.revokedAt', { date: format.dateTime(d.revokedAt) })}
        </Alert>
      ) : null}
      <Stack gap="lg">
        {mayOpenSessions ? <RemoteAccessCard deviceId={d.id} /> : null}
        <DeviceInventory device={d} />
        <div>
          <Title order={2} fz="lg" mb="sm">
            {t('devices.detail.annotations')}
          </Title>
          <DeviceAnnotations key={`${d.notes}|${d.tags.join(',')}`} device={d} />
        </div>
        <div>
          <Title order={2} fz="lg" mb="sm">
            {t('devices.detail.history')}
          </Title>
          <StatusHistory device={d} />
        </div>
      </Stack>
    </>
  );
}

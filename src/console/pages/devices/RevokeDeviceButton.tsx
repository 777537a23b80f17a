import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBan } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { deviceKeys, refreshDevices, revokeDevice } from './api.js';

/** Revokes the device's credential, after a confirmation. */
export function RevokeDeviceButton({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeDevice(device.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(deviceKeys.detail(device.id), updated);
      refreshDevices(queryClient);
      setConfirming(false);
      notifications.show({ color: 'teal', message: t('devices.detail.revoked') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={() => setConfirming(true)}
      >
        {t('devices.detail.revoke')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('devices.detail.revokeTitle')} centered>
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t('devices.detail.revokeMessage', { name: device.name })}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('devices.detail.revokeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

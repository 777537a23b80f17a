import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { remoteUnavailableReasons } from '../../../shared/contracts/device-sessions.js';
import type { RemoteMode } from '../../../shared/remote/protocol.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { deviceKeys, openDeviceSession } from './api.js';

/** The reason of a 409 refusing a device session (revoked, agent offline, busy), when it is one. */
export function unavailableReasonOf(error: unknown): (typeof remoteUnavailableReasons)[number] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return (remoteUnavailableReasons as readonly unknown[]).includes(reason)
    ? (reason as (typeof remoteUnavailableReasons)[number])
    : null;
}

/** Opens a view or control session on a device and goes to its live page; a refusal is said and the state read again. */
export function useStartRemote(deviceId: string) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mode: RemoteMode; recorded?: boolean }) => openDeviceSession(deviceId, body),
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: deviceKeys.remote(deviceId) });
      void navigate(`/sessions/${session.id}/live`);
    },
    onError: (error) => {
      void queryClient.invalidateQueries({ queryKey: deviceKeys.remote(deviceId) });
      const reason = unavailableReasonOf(error);
      notifications.show({
        color: 'red',
        message: reason ? t(`remote.unavailable.${reason}`) : errorText(t, error, format.locale),
      });
    },
  });
}

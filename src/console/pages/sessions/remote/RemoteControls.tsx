import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPower } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteToAgent } from '../../../../shared/remote/protocol.js';
import { errorText } from '../../../api/errors.js';
import { useFormat } from '../../../lib/format.js';
import { postSessionAction } from '../api.js';
import type { RemoteSession } from './useRemoteSession.js';

const combos = ['ctrl-alt-del', 'win', 'alt-tab', 'lock'] as const;

/** Keys the browser keeps for itself, sent as combinations; the monitor shown when there are several. */
export function KeysToolbar({ remote }: { remote: Pick<RemoteSession, 'hello' | 'screen' | 'send'> }) {
  const { t } = useTranslation();
  const monitors = remote.hello?.monitors ?? [];
  return (
    <Group gap="xs" justify="space-between" wrap="wrap">
      <Group gap="xs" role="toolbar" aria-label={t('remote.keys.title')}>
        {combos.map((combo) => (
          <Button
            key={combo}
            size="xs"
            variant="default"
            onClick={() => remote.send({ t: 'combo', combo } satisfies RemoteToAgent)}
          >
            {t(`remote.keys.${combo}`)}
          </Button>
        ))}
      </Group>
      {monitors.length > 1 ? (
        <Select
          size="xs"
          w={260}
          label={t('remote.monitor')}
          allowDeselect={false}
          value={String(remote.screen?.monitorId ?? remote.hello?.monitorId ?? '')}
          data={monitors.map((m) => ({
            value: String(m.id),
            label: t('remote.monitorOption', { name: m.name, width: m.width, height: m.height }),
          }))}
          onChange={(value) => (value === null ? undefined : remote.send({ t: 'monitor', id: Number(value) }))}
        />
      ) : null}
    </Group>
  );
}

/** Restarts the device after a confirmation: the server is told first, then the agent. */
export function RebootButton({ sessionId, send }: { sessionId: string; send: RemoteSession['send'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const reboot = async () => {
    setPending(true);
    try {
      await postSessionAction(sessionId, { action: 'reboot' });
      send({ t: 'reboot' });
      setConfirming(false);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error, format.locale) });
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button
        variant="light"
        color="orange"
        leftSection={<IconPower size={16} aria-hidden />}
        onClick={() => setConfirming(true)}
      >
        {t('remote.reboot.button')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('remote.reboot.title')} centered>
        <Stack gap="md">
          <Alert color="yellow" variant="light">
            {t('remote.reboot.message')}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={pending} onClick={() => void reboot()}>
              {t('remote.reboot.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

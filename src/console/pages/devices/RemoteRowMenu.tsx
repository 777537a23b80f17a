import { ActionIcon, Loader, Menu, Text } from '@mantine/core';
import { IconDeviceDesktopShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/contracts/devices.js';
import { useDeviceRemote } from './api.js';
import { ConsentText, UnavailableText } from './RemoteAccessCard.js';
import { useStartRemote } from './useStartRemote.js';

/** The Devices list's row action: view or control the device, read when the menu opens. */
export function RemoteRowMenu({ device }: { device: Device }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const remote = useDeviceRemote(device.id, opened);
  const start = useStartRemote(device.id);
  const r = remote.data;
  return (
    <Menu opened={opened} onChange={setOpened} position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('remote.rowAction', { name: device.name })}>
          <IconDeviceDesktopShare size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown maw={320}>
        {!r ? (
          remote.isError ? (
            <Menu.Label>{t('common.loadFailed')}</Menu.Label>
          ) : (
            <Menu.Label>
              <Loader size="xs" aria-label={t('common.loading')} />
            </Menu.Label>
          )
        ) : (
          <>
            <Menu.Label>
              {r.unavailable ? <UnavailableText remote={r} /> : <ConsentText consent={r.consent} />}
            </Menu.Label>
            {r.abilities.view ? (
              <Menu.Item disabled={r.unavailable !== null} onClick={() => start.mutate({ mode: 'view' })}>
                {t('remote.view')}
              </Menu.Item>
            ) : null}
            {r.abilities.control ? (
              <Menu.Item disabled={r.unavailable !== null} onClick={() => start.mutate({ mode: 'control' })}>
                {t('remote.control')}
              </Menu.Item>
            ) : null}
            {!r.abilities.view && !r.abilities.control ? (
              <Menu.Label>
                <Text size="xs">{t('remote.notAllowed')}</Text>
              </Menu.Label>
            ) : null}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

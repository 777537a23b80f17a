import { ActionIcon, Loader, Menu, Text } from '@mantine/core';
import { IconDeviceDesktopShare } from '@tabler/icons-react';
import { useRef, useState, type ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/contracts/devices.js';
import { useDeviceRemote } from './api.js';
import { ConsentText, UnavailableText } from './RemoteAccessCard.js';
import { useStartRemote } from './useStartRemote.js';

/**
 * The Devices list's row action: view or control the device, read when the menu opens. Until it is
 * first opened the row holds only its button: a menu, its positioning and its queries for each of a
 * page's rows cost the list's first render more than all its cells.
 */
export function RemoteRowMenu({ device }: { device: Device }) {
  const [used, setUsed] = useState(false);
  return used ? <RemoteMenu device={device} /> : <RemoteButton device={device} onClick={() => setUsed(true)} />;
}

/** Menu.Target gives it its ref and handlers. */
function RemoteButton({ device, ...props }: { device: Device } & ComponentPropsWithRef<'button'>) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" aria-label={t('remote.rowAction', { name: device.name })} {...props}>
      <IconDeviceDesktopShare size={18} aria-hidden />
    </ActionIcon>
  );
}

/**
 * Mounted open, by the button's first click. The button it replaced had the focus: the menu gives it
 * back to this one when it closes (Mantine's own return only knows what had it when the menu opened).
 */
function RemoteMenu({ device }: { device: Device }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(true);
  const target = useRef<HTMLButtonElement>(null);
  const remote = useDeviceRemote(device.id, opened);
  const start = useStartRemote(device.id);
  const r = remote.data;
  return (
    <Menu
      opened={opened}
      onChange={setOpened}
      onClose={() => target.current?.focus()}
      position="bottom-end"
      withinPortal
    >
      <Menu.Target>
        <RemoteButton device={device} ref={target} />
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

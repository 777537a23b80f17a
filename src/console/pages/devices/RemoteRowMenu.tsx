import { ActionIcon, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconDeviceDesktopShare } from '@tabler/icons-react';
import { useRef, useState, type ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/contracts/devices.js';
import { useDeviceRemote } from './api.js';
import { ConsentText, UnavailableText } from './RemoteAccessCard.js';
import { useStartRemote } from './useStartRemote.js';
import { BusyIndicator } from '../../components/Feedback.js';

/**
 * The Devices list's row action: view or control the device, read when it opens. Until it is first
 * opened the row holds only its button: a dialog, its positioning and its queries for each of a page's
 * rows cost the list's first render more than all its cells.
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
 * Mounted open, by the button's first click: a small dialog (what the device allows, then View and
 * Control), not a menu, since it explains before it offers. The button it replaced had the focus: the
 * dialog gives it back to this one when it closes.
 */
function RemoteMenu({ device }: { device: Device }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(true);
  const target = useRef<HTMLButtonElement>(null);
  const remote = useDeviceRemote(device.id, opened);
  const start = useStartRemote(device.id);
  const r = remote.data;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      onClose={() => target.current?.focus()}
      position="bottom-end"
      withinPortal
      trapFocus
    >
      <Popover.Target>
        <RemoteButton device={device} ref={target} onClick={() => setOpened((o) => !o)} />
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        {!r ? (
          remote.isError ? (
            <Text size="sm">{t('common.loadFailed')}</Text>
          ) : (
            <BusyIndicator size="xs" label={t('common.loading')} />
          )
        ) : (
          <Stack gap="xs">
            <Text size="sm" component="div">
              {r.unavailable ? <UnavailableText remote={r} /> : <ConsentText consent={r.consent} />}
            </Text>
            {r.abilities.view || r.abilities.control ? (
              <Group gap="xs">
                {r.abilities.view ? (
                  <Button
                    size="xs"
                    variant="default"
                    disabled={r.unavailable !== null}
                    onClick={() => start.mutate({ mode: 'view' })}
                  >
                    {t('remote.view')}
                  </Button>
                ) : null}
                {r.abilities.control ? (
                  <Button size="xs" disabled={r.unavailable !== null} onClick={() => start.mutate({ mode: 'control' })}>
                    {t('remote.control')}
                  </Button>
                ) : null}
              </Group>
            ) : (
              <Text size="xs">{t('remote.notAllowed')}</Text>
            )}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

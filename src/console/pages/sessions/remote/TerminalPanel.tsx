import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTerminal2 } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSessionActionBody } from '../../../../shared/contracts/device-sessions.js';
import type { TerminalState } from './terminal-link.js';
import type { RemoteSession } from './useRemoteSession.js';

const TerminalView = lazy(() => import('./TerminalView.js'));

type PanelState = { state: 'closed' } | TerminalState;

export interface TerminalPanelProps {
  remote: Pick<RemoteSession, 'hello' | 'kind' | 'send' | 'setTerminalSink'>;
  /** input is this console's (the owner's control session, the agent said so) */
  control: boolean;
  /** the session only views the device */
  viewOnly: boolean;
  /** tells the server first (audited, on the timeline); throws when refused */
  announce: (body: DeviceSessionActionBody) => Promise<void>;
  /** the server's refusal in words, when it has one */
  refusal: (error: unknown) => string | null;
}

/**
 * A terminal on the device, in the owner's control session: opened on request (the server told
 * first), a pseudo-terminal or, where the device has none, the line runner (said so), closed on
 * request or when the shell ends. View-only sessions and other watchers are told why there is none.
 */
export function TerminalPanel({ remote, control, viewOnly, announce, refusal }: TerminalPanelProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<PanelState>({ state: 'closed' });
  const [generation, setGeneration] = useState(0);
  const leaveTo = useRef<HTMLButtonElement>(null);
  const shown = panel.state === 'opening' || panel.state === 'open' || panel.state === 'exited';
  const running = panel.state === 'opening' || panel.state === 'open';

  const onState = useCallback(
    (next: TerminalState) => {
      setPanel(next);
      if (next.state === 'exited')
        void announce({ action: 'terminal_close', exitCode: next.code }).catch(() => undefined);
    },
    [announce],
  );

  // leaving the page closes the terminal on the device (the console leaves): the server is told
  const runningNow = useRef(false);
  useEffect(() => {
    runningNow.current = running;
  });
  useEffect(
    () => () => {
      if (runningNow.current) void announce({ action: 'terminal_close' }).catch(() => undefined);
    },
    [announce],
  );

  // no transport to the device for now: what is typed goes nowhere
  const cutOff = running && remote.kind === null;

  const open = async () => {
    try {
      await announce({ action: 'terminal_open' });
    } catch (error) {
      notifications.show({ color: 'red', message: refusal(error) ?? t('remote.terminal.openFailed') });
      return;
    }
    setGeneration((n) => n + 1);
    setPanel({ state: 'opening' });
  };
  const close = () => {
    remote.send({ t: 'term.close' });
    setPanel({ state: 'closed' });
    void announce({ action: 'terminal_close' }).catch(() => undefined);
  };

  let body;
  if (viewOnly || remote.hello?.mode === 'view')
    body = (
      <Alert color="gray" data-testid="terminal-unavailable" data-reason="view_only">
        {t('remote.terminal.viewOnly')}
      </Alert>
    );
  else if (!control)
    body = (
      <Alert color="gray" data-testid="terminal-unavailable" data-reason="not_owner">
        {t('remote.terminal.notOwner')}
      </Alert>
    );
  else
    body = (
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" data-testid="terminal-state" data-state={panel.state}>
            {cutOff
              ? t('remote.terminal.lost')
              : panel.state === 'open' && panel.mode === 'pty'
                ? t('remote.terminal.shell', { shell: panel.shell })
                : panel.state === 'exited'
                  ? panel.code === null
                    ? t('remote.terminal.ended')
                    : t('remote.terminal.exited', { code: panel.code })
                  : panel.state === 'opening'
                    ? t('remote.terminal.opening')
                    : t('remote.terminal.intro')}
          </Text>
          {running ? (
            <Button ref={leaveTo} size="xs" variant="default" onClick={close}>
              {t('remote.terminal.close')}
            </Button>
          ) : (
            <Button
              ref={leaveTo}
              size="xs"
              leftSection={<IconTerminal2 size={14} aria-hidden />}
              onClick={() => void open()}
            >
              {panel.state === 'closed' ? t('remote.terminal.open') : t('remote.terminal.openAgain')}
            </Button>
          )}
        </Group>
        {panel.state === 'open' && panel.mode === 'lines' ? (
          <Alert color="yellow" data-testid="terminal-lines">
            {t('remote.terminal.lines', { shell: panel.shell })}
          </Alert>
        ) : null}
        {shown ? (
          <>
            <Suspense fallback={<Loader size="sm" />}>
              <TerminalView
                key={generation}
                send={remote.send}
                setTerminalSink={remote.setTerminalSink}
                onState={onState}
                onLeave={() => leaveTo.current?.focus()}
                label={t('remote.terminal.label')}
              />
            </Suspense>
            <Text size="xs" c="dimmed">
              {t('remote.terminal.keys')}
            </Text>
          </>
        ) : null}
      </Stack>
    );

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('remote.terminal.title')}
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}

import { Alert, Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconPointer } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceRemote } from '../../../shared/contracts/device-sessions.js';
import { Fact } from '../../kit/Fact.js';
import { useFormat } from '../../lib/format.js';
import { useDeviceRemote } from './api.js';
import { useStartRemote } from './useStartRemote.js';

/** `sessions.fileTransferMaxMb` as shown: megabytes. */
export function megabytes(bytes: number, number: (n: number) => string): string {
  return number(Math.round((bytes / 1024 ** 2) * 10) / 10);
}

/** What applies before connecting, worded: the consent step the device runs. */
export function ConsentText({ consent }: { consent: DeviceRemote['consent'] }) {
  const { t } = useTranslation();
  return <>{t(`remote.consent.${consent.mode}`, { seconds: consent.seconds })}</>;
}

/** Why a session cannot be opened now, with the open session's link when the device is busy. */
export function UnavailableText({ remote }: { remote: DeviceRemote }) {
  const { t } = useTranslation();
  if (!remote.unavailable) return null;
  return (
    <>
      {t(`remote.unavailable.${remote.unavailable}`)}
      {remote.unavailable === 'busy' && remote.openSessionId ? (
        <>
          {' '}
          <Anchor component={Link} to={`/sessions/${remote.openSessionId}/live`} inherit>
            {t('remote.openSession')}
          </Anchor>
        </>
      ) : null}
    </>
  );
}

/** View screen / Take control, as the caller's abilities allow; disabled while the device cannot be reached. */
export function RemoteButtons({
  deviceId,
  remote,
  recorded,
}: {
  deviceId: string;
  remote: DeviceRemote;
  recorded?: boolean;
}) {
  const { t } = useTranslation();
  const start = useStartRemote(deviceId);
  const disabled = remote.unavailable !== null;
  const busy = start.isPending ? start.variables.mode : null;
  return (
    <Group gap="sm">
      {remote.abilities.view ? (
        <Button
          variant="default"
          leftSection={<IconEye size={16} aria-hidden />}
          disabled={disabled || (busy !== null && busy !== 'view')}
          loading={busy === 'view'}
          onClick={() => start.mutate({ mode: 'view', recorded })}
        >
          {t('remote.view')}
        </Button>
      ) : null}
      {remote.abilities.control ? (
        <Button
          leftSection={<IconPointer size={16} aria-hidden />}
          disabled={disabled || (busy !== null && busy !== 'control')}
          loading={busy === 'control'}
          onClick={() => start.mutate({ mode: 'control', recorded })}
        >
          {t('remote.control')}
        </Button>
      ) : null}
    </Group>
  );
}

/**
 * The device page's remote access: whether the agent is connected, the consent step, recording and
 * file size limit that apply, and the buttons that open a session. Shown only to those who may open one.
 */
export function RemoteAccessCard({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const remote = useDeviceRemote(deviceId);
  const [recordChoice, setRecordChoice] = useState(false);
  if (!remote.data) return null;
  const r = remote.data;
  if (!r.abilities.view && !r.abilities.control) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('remote.title')} data-testid="remote-access">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('remote.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Fact label={t('remote.agent')}>
            <Text
              size="sm"
              c={r.connected ? 'teal' : 'red'}
              fw={500}
              data-testid="remote-agent"
              data-connected={r.connected}
            >
              {r.connected ? t('remote.connected') : t('remote.notConnected')}
            </Text>
          </Fact>
          <Fact label={t('remote.consentLabel')}>
            <span data-testid="remote-consent" data-mode={r.consent.mode}>
              <ConsentText consent={r.consent} />
            </span>
          </Fact>
          <Fact label={t('sessions.fields.recordingPolicy')}>{t(`sessions.recording.policy.${r.recording}`)}</Fact>
          <Fact label={t('remote.fileLimit')}>
            {t('remote.megabytes', { size: megabytes(r.fileMaxBytes, format.number) })}
          </Fact>
        </SimpleGrid>
        {r.unavailable ? (
          <Alert color="gray" variant="light" data-testid="remote-unavailable" data-reason={r.unavailable}>
            <UnavailableText remote={r} />
          </Alert>
        ) : null}
        {r.recording === 'optional' && !r.unavailable ? (
          <Checkbox
            label={t('sessions.recording.record')}
            checked={recordChoice}
            onChange={(e) => setRecordChoice(e.currentTarget.checked)}
          />
        ) : null}
        <RemoteButtons
          deviceId={deviceId}
          remote={r}
          recorded={r.recording === 'optional' ? recordChoice : undefined}
        />
      </Stack>
    </Paper>
  );
}

import { Alert, Anchor, Grid, Group, Paper, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionDetail } from '../../../../shared/contracts/sessions.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useFormat } from '../../../lib/format.js';
import { useDeviceRemote } from '../../devices/api.js';
import { postSessionAction } from '../api.js';
import { EndSessionModal } from '../EndSessionModal.js';
import { LiveSessionActions } from '../LiveSessionActions.js';
import { RecordingIndicator } from '../RecordingIndicator.js';
import { TechnicianModal } from '../TechnicianModal.js';
import { useSessionRecording } from '../useSessionRecording.js';
import { recordingSource, type RecordingSource } from './recording-canvas.js';
import { ClipboardPanel } from './ClipboardPanel.js';
import { FilesPanel } from './FilesPanel.js';
import { useDevicePhase } from './useDevicePhase.js';
import { RebootButton, KeysToolbar } from './RemoteControls.js';
import { RemoteScreen } from './RemoteScreen.js';
import { RemoteStatus } from './RemoteStatus.js';
import { TerminalPanel } from './TerminalPanel.js';
import { transferRefusal } from './refusal.js';
import { useRemoteSession } from './useRemoteSession.js';

/** frames per second the recording takes from the canvas */
const recordingFps = 15;

/** The live view of a device session: the consent step, then the device's screen and, in control, its tools. */
export function DeviceLiveSession({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [ending, setEnding] = useState(false);
  const [choosing, setChoosing] = useState<'invite' | 'transfer' | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const waiting = session.status === 'waiting' || session.status === 'joined';
  const remoteInfo = useDeviceRemote(session.device?.id ?? '', Boolean(session.device) && waiting);
  const remote = useRemoteSession(session.id, session.abilities.watch && session.status === 'active', {
    announce: async (body) => void (await postSessionAction(session.id, body)),
    refusal: (error) => transferRefusal(error, t, format.number, format.locale),
  });
  const announce = useCallback(
    async (body: Parameters<typeof postSessionAction>[1]) => void (await postSessionAction(session.id, body)),
    [session.id],
  );
  const { phase, text, over } = useDevicePhase(session, remote, remoteInfo.data?.consent ?? null);
  const recorder = useSessionRecording(session, stream);
  // input, clipboard, files and restart: the owner's control session only (the agent says so in hello)
  // (not while the device restarts: nothing would reach it)
  const control =
    !over && phase.phase !== 'rebooting' && remote.hello?.control === true && remote.hello.mode === 'control';

  // the recording takes the canvas once a first tile is drawn on it
  const captured = useRef<RecordingSource | null>(null);
  const onCanvas = useCallback((canvas: HTMLCanvasElement | null) => {
    captured.current?.stop();
    captured.current = canvas ? recordingSource(canvas, recordingFps) : null;
    setStream(captured.current?.stream ?? null);
  }, []);

  return (
    <>
      <Anchor component={Link} to={`/sessions/${session.id}`} size="sm" mb="xs" display="inline-block">
        <IconArrowLeft size={14} aria-hidden /> {t('sessions.live.details')}
      </Anchor>
      <PageHeader
        title={t('sessions.live.title', { company: session.device?.name ?? session.companyName })}
        description={`${session.companyName} · ${t(`remote.mode.${session.mode ?? 'view'}`)}`}
        actions={
          over ? null : (
            <>
              {control ? <RebootButton sessionId={session.id} send={remote.send} /> : null}
              <LiveSessionActions abilities={session.abilities} onChoose={setChoosing} onEnd={() => setEnding(true)} />
            </>
          )
        }
      />
      <Stack gap="md">
        {/* a refused session is an ended one (data-phase); data-reason says why */}
        <Alert
          color={over ? (phase.phase === 'refused' ? 'red' : 'gray') : phase.phase === 'showing' ? 'teal' : 'blue'}
          data-testid="session-phase"
          data-phase={phase.phase === 'refused' ? 'ended' : phase.phase}
          data-reason={phase.phase === 'refused' ? phase.reason : undefined}
        >
          {text}
        </Alert>
        <Group justify="space-between">
          {over ? <span /> : <RemoteStatus kind={remote.kind} rate={remote.rate} />}
          <RecordingIndicator session={session} recording={recorder.recording} queue={recorder.queueState} />
        </Group>
        {/* once over, the phase says it all: no empty screen */}
        <Grid gap="md" display={over ? 'none' : undefined}>
          <Grid.Col span={{ base: 12, lg: control ? 8 : 12 }}>
            <Stack gap="xs">
              {control ? <KeysToolbar remote={remote} /> : null}
              <RemoteScreen
                setSink={remote.setSink}
                frameShown={remote.frameShown}
                send={remote.send}
                control={control}
                placeholder={text}
                onCanvas={onCanvas}
              />
            </Stack>
          </Grid.Col>
          {control ? (
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Paper withBorder radius="md" p="sm">
                <Tabs defaultValue="files" keepMounted>
                  <Tabs.List grow>
                    <Tabs.Tab value="files">{t('remote.files.title')}</Tabs.Tab>
                    <Tabs.Tab value="clipboard">{t('remote.clipboard.title')}</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="files" pt="sm">
                    <FilesPanel remote={remote} />
                  </Tabs.Panel>
                  <Tabs.Panel value="clipboard" pt="sm">
                    <ClipboardPanel remote={remote} />
                  </Tabs.Panel>
                </Tabs>
              </Paper>
            </Grid.Col>
          ) : null}
        </Grid>
        {over || !remote.hello ? null : (
          <TerminalPanel
            remote={remote}
            control={control}
            viewOnly={session.mode === 'view'}
            announce={announce}
            refusal={(error) => transferRefusal(error, t, format.number, format.locale)}
          />
        )}
      </Stack>
      <EndSessionModal
        sessionId={session.id}
        opened={ending}
        onClose={() => setEnding(false)}
        onEnded={() => recorder.stop()}
      />
      <TechnicianModal session={session} action={choosing} onClose={() => setChoosing(null)} />
    </>
  );
}

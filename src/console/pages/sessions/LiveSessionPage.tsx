import { Alert, Anchor, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';
import { ApiError } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ChatPanel } from '../support/ChatPanel.js';
import { LoadedRequest } from '../support/RequestDetail.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { useSessionDetail } from './api.js';
import { EndSessionModal } from './EndSessionModal.js';
import { LiveSessionActions } from './LiveSessionActions.js';
import { Quality } from './Quality.js';
import { DeviceLiveSession } from './remote/DeviceLiveSession.js';
import { RecordingIndicator } from './RecordingIndicator.js';
import { ScreenView } from './ScreenView.js';
import { SnapshotList } from './Snapshots.js';
import { TechnicianModal } from './TechnicianModal.js';
import { useLivePhase } from './useLivePhase.js';
import { useScreenReceiver } from './useScreenReceiver.js';
import { useSessionRecording } from './useSessionRecording.js';

function LiveSession({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const live = useScreenReceiver(session.id, session.abilities.watch);
  const recorder = useSessionRecording(session, live.stream);
  const [ending, setEnding] = useState(false);
  const [choosing, setChoosing] = useState<'invite' | 'transfer' | null>(null);
  const { phase, text, over } = useLivePhase(session, live);
  return (
    <>
      <Anchor component={Link} to={`/sessions/${session.id}`} size="sm" mb="xs" display="inline-block">
        <IconArrowLeft size={14} aria-hidden /> {t('sessions.live.details')}
      </Anchor>
      <PageHeader
        title={t('sessions.live.title', { company: session.companyName })}
        description={session.customerName ?? undefined}
        actions={
          over ? null : (
            <LiveSessionActions abilities={session.abilities} onChoose={setChoosing} onEnd={() => setEnding(true)} />
          )
        }
      />
      <Stack gap="md">
        <Alert
          color={over ? 'gray' : phase === 'sharing' ? 'teal' : 'blue'}
          data-testid="session-phase"
          data-phase={phase ?? live.unwatched}
        >
          {text}
        </Alert>
        <Group justify="space-between">
          <Quality receiver={live.receiver} connection={live.connection} />
          <RecordingIndicator session={session} recording={recorder.recording} queue={recorder.queueState} />
        </Group>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: session.requestId ? 8 : 12 }}>
            <Stack gap="md">
              <ScreenView
                sessionId={session.id}
                stream={live.stream}
                canSnapshot={session.abilities.watch}
                placeholder={text}
              />
              <Paper withBorder radius="md" p="md" component="section" aria-label={t('sessions.snapshots.title')}>
                <Title order={2} size="h5" mb="xs">
                  {t('sessions.snapshots.title')}
                </Title>
                <SnapshotList sessionId={session.id} />
              </Paper>
            </Stack>
          </Grid.Col>
          {session.requestId ? (
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <LoadedRequest id={session.requestId}>{(request) => <ChatPanel request={request} />}</LoadedRequest>
            </Grid.Col>
          ) : null}
        </Grid>
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

/** `/sessions/{id}/live`: the technician's view of a session. */
export default function LiveSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useSessionDetail(id, true);
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400))
      return <NotFoundPage />;
    if (detail.error instanceof ApiError && detail.error.status === 403)
      return <ForbiddenPage title={t('sessions.title')} />;
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const over = detail.data.status === 'ended' || detail.data.status === 'expired';
  const a = detail.data.abilities;
  // the owner opens it while it waits for the customer (watching starts once they joined)
  if (!a.watch && !a.end && !a.invite && !over) return <ForbiddenPage title={t('sessions.title')} />;
  if (detail.data.kind === 'device') return <DeviceLiveSession session={detail.data} />;
  return <LiveSession session={detail.data} />;
}

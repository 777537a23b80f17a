import { Anchor, Button, Paper, Stack, Title } from '@mantine/core';
import { IconArrowLeft, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';
import { ApiError } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { useSessionDetail } from './api.js';
import { EndSessionModal } from './EndSessionModal.js';
import { RecordingPlayer } from './RecordingPlayer.js';
import { SessionFacts } from './SessionFacts.js';
import { SnapshotList } from './Snapshots.js';
import { SessionTimeline } from './Timeline.js';

const live = (s: SessionDetail) => s.status !== 'ended' && s.status !== 'expired';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Detail({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [ending, setEnding] = useState(false);
  return (
    <>
      <Anchor component={Link} to="/sessions" size="sm" mb="xs" display="inline-block">
        <IconArrowLeft size={14} aria-hidden /> {t('sessions.back')}
      </Anchor>
      <PageHeader
        title={t('sessions.detail.title', { company: session.companyName, date: format.dateTime(session.createdAt) })}
        actions={
          <>
            {live(session) && (session.abilities.watch || session.abilities.end) ? (
              <Button
                component={Link}
                to={`/sessions/${session.id}/live`}
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
              >
                {t('sessions.code.open')}
              </Button>
            ) : null}
            {live(session) && session.abilities.end ? (
              <Button variant="light" color="red" onClick={() => setEnding(true)}>
                {t('sessions.end.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <SessionFacts session={session} />
        </Paper>
        {session.abilities.watchRecording && session.hasRecording ? (
          <Section title={t('sessions.recordingPlayer.title')}>
            <RecordingPlayer session={session} />
          </Section>
        ) : null}
        <Section title={t('sessions.timeline.title')}>
          <SessionTimeline events={session.timeline} kind={session.kind} />
        </Section>
        <Section title={t('sessions.snapshots.title')}>
          <SnapshotList sessionId={session.id} />
        </Section>
      </Stack>
      <EndSessionModal sessionId={session.id} opened={ending} onClose={() => setEnding(false)} />
    </>
  );
}

/** One session: facts, recording and transcript, timeline, snapshots. */
export default function SessionDetailPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { id = '' } = useParams();
  const detail = useSessionDetail(id);
  if (!can(me, 'sessions.read')) return <ForbiddenPage title={t('sessions.title')} />;
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400))
      return <NotFoundPage />;
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <Detail session={detail.data} />;
}

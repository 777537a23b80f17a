import { Anchor, Grid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';
import { Transcript } from '../support/Transcript.js';
import { recordingDownloadUrl, recordingUrl, useSessionTranscript } from './api.js';

/** The session's recording (seekable: the server answers ranges) with the chat transcript beside it. */
export function RecordingPlayer({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const transcript = useSessionTranscript(session.requestId);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: session.requestId ? 8 : 12 }}>
        <Stack gap="xs">
          <video
            src={recordingUrl(session.id)}
            controls
            preload="metadata"
            style={{ width: '100%', background: 'black', borderRadius: 8 }}
            data-testid="recording-video"
            aria-label={t('sessions.recordingPlayer.label')}
          />
          <Anchor href={recordingDownloadUrl(session.id)} download size="sm">
            <IconDownload size={14} aria-hidden /> {t('sessions.recordingPlayer.download')}
          </Anchor>
        </Stack>
      </Grid.Col>
      {session.requestId ? (
        <Grid.Col span={{ base: 12, md: 4 }}>
          {transcript.data ? (
            <Transcript messages={transcript.data.items} label={t('sessions.recordingPlayer.transcript')} />
          ) : (
            <Text size="sm" c="dimmed">
              {transcript.isError ? t('sessions.recordingPlayer.noTranscript') : t('common.loading')}
            </Text>
          )}
        </Grid.Col>
      ) : null}
    </Grid>
  );
}

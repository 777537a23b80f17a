import { Anchor, Grid, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';
import { Transcript } from '../support/Transcript.js';
import { recordingDownloadUrl, recordingUrl, useRecordingInfo, useSessionTranscript } from './api.js';

/**
 * The session's recording (seekable: the server answers ranges) with the chat transcript beside it;
 * a recording in several parts (the technician's page was reloaded while recording) part by part.
 */
export function RecordingPlayer({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const transcript = useSessionTranscript(session.requestId);
  const parts = useRecordingInfo(session.id).data?.parts ?? [];
  const [part, setPart] = useState(0);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: session.requestId ? 8 : 12 }}>
        <Stack gap="xs">
          {parts.length > 1 ? (
            <SegmentedControl
              value={String(part)}
              onChange={(value) => setPart(Number(value))}
              data={parts.map((_, i) => ({
                value: String(i),
                label: t('sessions.recordingPlayer.part', { n: i + 1, total: parts.length }),
              }))}
              aria-label={t('sessions.recordingPlayer.parts')}
              data-testid="recording-parts"
            />
          ) : null}
          <video
            key={part}
            src={recordingUrl(session.id, part)}
            controls
            preload="metadata"
            style={{ width: '100%', background: 'black', borderRadius: 8 }}
            data-testid="recording-video"
            aria-label={t('sessions.recordingPlayer.label')}
          />
          <Anchor href={recordingDownloadUrl(session.id, part)} download size="sm">
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

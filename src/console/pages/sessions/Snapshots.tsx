import { Anchor, Image, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { snapshotUrl, useSnapshots } from './api.js';

/** The still images kept with a session, as thumbnails opening the full image. */
export function SnapshotList({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const snapshots = useSnapshots(sessionId);
  if (snapshots.isError) return <LoadError error={snapshots.error} onRetry={() => void snapshots.refetch()} />;
  const items = snapshots.data?.items ?? [];
  if (!snapshots.isSuccess || items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {snapshots.isSuccess ? t('sessions.snapshots.none') : t('common.loading')}
      </Text>
    );
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" data-testid="snapshots">
      {items.map((s) => (
        <Anchor key={s.id} href={snapshotUrl(sessionId, s.id)} target="_blank" rel="noreferrer" size="xs">
          <Image
            src={snapshotUrl(sessionId, s.id)}
            alt={t('sessions.snapshots.alt', { time: format.dateTime(s.takenAt) })}
            radius="sm"
          />
          {format.dateTime(s.takenAt)}
        </Anchor>
      ))}
    </SimpleGrid>
  );
}

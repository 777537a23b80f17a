import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { durationText } from './format.js';
import { StatusBadge } from './StatusBadge.js';
import { WatcherList } from './WatcherList.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** Who, for which company, when, how long, how it ended, and whether it is recorded. */
export function SessionFacts({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" data-testid="session-facts">
      <Fact label={t('sessions.fields.status')}>
        <Group gap="xs">
          <StatusBadge status={session.status} />
          {session.recorded ? (
            <Badge color="red" variant="dot">
              {t('sessions.recording.recorded')}
            </Badge>
          ) : null}
        </Group>
      </Fact>
      <Fact label={words.singular}>{session.companyName}</Fact>
      <Fact label={t('sessions.fields.technician')}>{session.technician.name}</Fact>
      <Fact label={t('sessions.fields.customer')}>{session.customerName}</Fact>
      <Fact label={t('sessions.fields.created')}>{format.dateTime(session.createdAt)}</Fact>
      <Fact label={t('sessions.fields.started')}>{format.dateTime(session.startedAt)}</Fact>
      <Fact label={t('sessions.fields.ended')}>{format.dateTime(session.endedAt)}</Fact>
      <Fact label={t('sessions.fields.duration')}>{durationText(t, session.durationSeconds)}</Fact>
      <Fact label={t('sessions.fields.outcome')}>
        {session.outcome ? t(`sessions.outcome.${session.outcome}`) : ''}
      </Fact>
      <Fact label={t('sessions.fields.watchers')}>
        {session.watchers.length > 0 ? <WatcherList session={session} /> : null}
      </Fact>
      <Fact label={t('sessions.fields.recordingPolicy')}>
        {t(`sessions.recording.policy.${session.recordingPolicy}`)}
      </Fact>
      {session.notes ? (
        <Fact label={t('sessions.fields.notes')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {session.notes}
          </Text>
        </Fact>
      ) : null}
    </SimpleGrid>
  );
}

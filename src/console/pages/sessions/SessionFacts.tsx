import { Anchor, Badge, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Session } from '../../../shared/contracts/sessions.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { Fact } from '../../kit/Fact.js';
import { useFormat } from '../../lib/format.js';
import { durationText } from './format.js';
import { StatusBadge } from './StatusBadge.js';
import { WatcherList } from './WatcherList.js';

/** Who, for which company (and which device, in which mode), when, how long, how it ended, and whether it is recorded. */
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
      {session.kind === 'device' ? (
        <>
          <Fact label={t('remote.fields.device')}>
            {session.device ? (
              <Anchor component={Link} to={`/devices/${session.device.id}`} size="sm" data-testid="session-device">
                {session.device.name}
              </Anchor>
            ) : null}
          </Fact>
          <Fact label={t('remote.fields.mode')}>{session.mode ? t(`remote.mode.${session.mode}`) : null}</Fact>
        </>
      ) : (
        <Fact label={t('sessions.fields.customer')}>{session.customerName}</Fact>
      )}
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
      {session.notes ? <Fact label={t('sessions.fields.notes')}>{session.notes}</Fact> : null}
    </SimpleGrid>
  );
}

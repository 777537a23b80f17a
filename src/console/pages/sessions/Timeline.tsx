import { Text, Timeline as MantineTimeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionEvent } from '../../../shared/contracts/sessions.js';
import { useFormat } from '../../lib/format.js';

/** A name kept in an event's data (the invited technician, the new owner…), when there is one. */
function namedIn(data: Record<string, unknown>): string | null {
  for (const key of ['userName', 'name', 'toName', 'technicianName']) {
    const value = data[key];
    if (typeof value === 'string' && value) return value;
  }
  for (const key of ['user', 'to', 'technician']) {
    const value = data[key] as { name?: unknown } | undefined;
    if (value && typeof value.name === 'string') return value.name;
  }
  return null;
}

function EventDetail({ event }: { event: SessionEvent }) {
  const { t } = useTranslation();
  const who = event.actor?.name ?? t(`sessions.side.${event.side}`);
  const named = namedIn(event.data);
  const outcome = typeof event.data.outcome === 'string' ? event.data.outcome : null;
  return (
    <Text size="sm" c="dimmed">
      {t('sessions.timeline.by', { name: who })}
      {named ? ` · ${named}` : ''}
      {outcome ? ` · ${t(`sessions.outcome.${outcome}`, { defaultValue: outcome })}` : ''}
    </Text>
  );
}

/** A session's events, oldest first, each worded in the UI language, times in the user's zone. */
export function SessionTimeline({ events }: { events: SessionEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <MantineTimeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="session-timeline">
      {events.map((event) => (
        <MantineTimeline.Item key={event.id} data-event={event.type} title={t(`sessions.event.${event.type}`)}>
          <EventDetail event={event} />
          <Text size="xs" c="dimmed">
            <time dateTime={event.at}>{format.preciseDateTime(event.at)}</time>
          </Text>
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  );
}

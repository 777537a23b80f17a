import { Text, Timeline as MantineTimeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SessionEvent, SessionKind } from '../../../shared/contracts/sessions.js';
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

/** A device session's facts of an event: a file's size, how the device consented or why it refused. */
export function deviceFacts(event: SessionEvent, t: TFunction, number: (n: number) => string): string[] {
  const facts: string[] = [];
  const { size, mode, consent, result, exitCode } = event.data;
  if (typeof size === 'number') facts.push(t('remote.timeline.size', { size: number(size) }));
  if (event.type === 'terminal_closed' && typeof exitCode === 'number')
    facts.push(t('remote.timeline.exitCode', { code: exitCode }));
  const how = typeof mode === 'string' ? mode : consent;
  if (event.type === 'consented' && typeof how === 'string')
    facts.push(t(`remote.timeline.consent.${how}`, { defaultValue: how }));
  if (event.type === 'declined' && typeof result === 'string')
    facts.push(t(`remote.timeline.result.${result}`, { defaultValue: result }));
  return facts;
}

function EventDetail({ event, kind }: { event: SessionEvent; kind: SessionKind }) {
  const { t } = useTranslation();
  const format = useFormat();
  const who = event.actor?.name ?? t(`sessions.side.${event.side}`);
  const named = namedIn(event.data);
  const outcome = typeof event.data.outcome === 'string' ? event.data.outcome : null;
  const facts = kind === 'device' ? deviceFacts(event, t, format.number) : [];
  return (
    <Text size="sm" c="dimmed">
      {t('sessions.timeline.by', { name: who })}
      {named ? ` · ${named}` : ''}
      {facts.map((fact) => ` · ${fact}`).join('')}
      {outcome ? ` · ${t(`sessions.outcome.${outcome}`, { defaultValue: outcome })}` : ''}
    </Text>
  );
}

/** Events a device session words its own way (no customer: the person at the device). */
const deviceWorded = new Set<string>(['joined', 'consented', 'declined']);

/** A session's events, oldest first, each worded in the UI language, times in the user's zone. */
export function SessionTimeline({ events, kind = 'attended' }: { events: SessionEvent[]; kind?: SessionKind }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <MantineTimeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="session-timeline">
      {events.map((event) => (
        <MantineTimeline.Item
          key={event.id}
          data-event={event.type}
          title={
            kind === 'device' && deviceWorded.has(event.type)
              ? t(`remote.event.${event.type as 'joined' | 'consented' | 'declined'}`)
              : t(`sessions.event.${event.type}`)
          }
        >
          <EventDetail event={event} kind={kind} />
          <Text size="xs" c="dimmed">
            <time dateTime={event.at}>{format.preciseDateTime(event.at)}</time>
          </Text>
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  );
}

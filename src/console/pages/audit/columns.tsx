import { ActionIcon, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/contracts/audit.js';
import type { DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { useAuditNames } from './names.js';

/** Before/after values, shown as text only. */
function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  const text = value === null || value === undefined ? null : JSON.stringify(value, null, 2);
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
        {label}
      </Text>
      {text === null ? (
        <Text size="sm" c="dimmed" fs="italic">
          {t('audit.noValue')}
        </Text>
      ) : (
        <Code block style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {text}
        </Code>
      )}
    </div>
  );
}

function actorLabel(event: AuditEvent, t: TFunction): string {
  if (event.actorType === 'system') return t('audit.actor.system');
  if (event.actorType === 'anonymous') return event.actorName ?? t('audit.actor.anonymous');
  return event.actorName ?? event.actorId ?? t('audit.actor.unknown');
}

const detailsIdOf = (event: AuditEvent) => `audit-details-${event.id}`;

/** The row under an event with its values before and after, while it is expanded. */
export function DetailsRow({ event, expanded }: { event: AuditEvent; expanded: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Tr id={detailsIdOf(event)} hidden={!expanded} className="details-row">
      <Table.Td colSpan={6} p={0}>
        {expanded ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" p="md">
            <JsonBlock label={t('audit.before')} value={event.before} />
            <JsonBlock label={t('audit.after')} value={event.after} />
          </SimpleGrid>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The audit table: a details toggle, when, who, what, on what, from where. */
export function useAuditColumns(expanded: Set<string>, toggle: (id: string) => void): DataColumn<AuditEvent>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useAuditNames();
  return [
    {
      key: 'details',
      header: t('audit.details'),
      hiddenHeader: true,
      style: { width: 44 },
      cell: (event) => (
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={() => toggle(event.id)}
          aria-expanded={expanded.has(event.id)}
          aria-controls={detailsIdOf(event)}
          aria-label={expanded.has(event.id) ? t('audit.hideDetails') : t('audit.showDetails')}
        >
          {expanded.has(event.id) ? (
            <IconChevronDown size={16} aria-hidden />
          ) : (
            <IconChevronRight size={16} aria-hidden />
          )}
        </ActionIcon>
      ),
    },
    {
      key: 'when',
      header: t('audit.columns.when'),
      style: { whiteSpace: 'nowrap' },
      cell: (event) => <time dateTime={event.occurredAt}>{format.preciseDateTime(event.occurredAt)}</time>,
    },
    {
      key: 'actor',
      header: t('audit.columns.actor'),
      cell: (event) => (
        <Stack gap={0}>
          <Text size="sm">{actorLabel(event, t)}</Text>
          {event.actorType === 'apiToken' ? (
            <Text size="xs" c="dimmed">
              {t('audit.actor.apiToken')}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'action',
      header: t('audit.columns.action'),
      cell: (event) => (
        <Text size="sm" title={t('auditNames.internalName', { name: event.action })}>
          {names.action(event.action)}
        </Text>
      ),
    },
    {
      key: 'object',
      header: t('audit.columns.object'),
      cell: (event) =>
        event.objectType ? (
          <Stack gap={0} maw={260}>
            <Text size="sm" truncate title={event.objectName ?? undefined}>
              {event.objectName ?? names.objectType(event.objectType)}
            </Text>
            <Text size="xs" c="dimmed" truncate title={event.objectId ?? undefined}>
              {event.objectName ? names.objectType(event.objectType) : null}
              {event.objectName && event.objectId ? ' · ' : null}
              {event.objectId ? (
                <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{event.objectId}</span>
              ) : null}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      key: 'ip',
      header: t('audit.columns.ip'),
      style: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' },
      cell: (event) => event.ip ?? '—',
    },
  ];
}

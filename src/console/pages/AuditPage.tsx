import {
  ActionIcon,
  Autocomplete,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconChevronDown, IconChevronRight, IconDownload, IconFilter, IconHistory, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditEventSchema, type AuditEvent } from '../../shared/contracts/audit.js';
import { listResponse } from '../../shared/contracts/common.js';
import { limits } from '../../shared/limits.js';
import { api, apiBase, queryString } from '../api/client.js';
import { can, queryKeys, useSession } from '../api/queries.js';
import { LoadError, PageLoader } from '../components/Feedback.js';
import { ListFooter } from '../components/ListFooter.js';
import { PageHeader } from '../components/PageHeader.js';
import { useFormat } from '../lib/format.js';
import { zonedDayBoundary } from '../lib/time.js';
import { PageGuard } from './StatusPages.js';

const auditList = listResponse(auditEventSchema);

interface Filters {
  action: string;
  objectType: string;
  from: string;
  to: string;
  actorId: string;
}

const filterNames = ['action', 'objectType', 'from', 'to', 'actorId'] as const;

function readFilters(params: URLSearchParams): Filters {
  return {
    action: params.get('action') ?? '',
    objectType: params.get('objectType') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    actorId: params.get('actorId') ?? '',
  };
}

/** The API's query: dates (calendar days in the user's zone) become instants. */
function apiQuery(filters: Filters, timeZone: string): Record<string, string | undefined> {
  return {
    action: filters.action.trim() || undefined,
    objectType: filters.objectType.trim() || undefined,
    actorId: filters.actorId || undefined,
    from: filters.from ? (zonedDayBoundary(filters.from, timeZone) ?? undefined) : undefined,
    to: filters.to ? (zonedDayBoundary(filters.to, timeZone, true) ?? undefined) : undefined,
  };
}

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

function EventRow({ event, expanded, onToggle }: { event: AuditEvent; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detailsId = `audit-details-${event.id}`;
  return (
    <Fragment>
      <Table.Tr className={expanded ? 'row-expanded' : undefined}>
        <Table.Td w={44}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={expanded ? t('audit.hideDetails') : t('audit.showDetails')}
          >
            {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={event.occurredAt}>{format.preciseDateTime(event.occurredAt)}</time>
        </Table.Td>
        <Table.Td>
          <Stack gap={0}>
            <Text size="sm">{actorLabel(event, t)}</Text>
            {event.actorType === 'apiToken' ? (
              <Text size="xs" c="dimmed">
                {t('audit.actor.apiToken')}
              </Text>
            ) : null}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Code>{event.action}</Code>
        </Table.Td>
        <Table.Td>
          {event.objectType ? (
            <Stack gap={0}>
              <Text size="sm">{event.objectType}</Text>
              {event.objectId ? (
                <Text size="xs" c="dimmed" ff="monospace" truncate maw={220} title={event.objectId}>
                  {event.objectId}
                </Text>
              ) : null}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td ff="monospace" fz="sm">
          {event.ip ?? '—'}
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={detailsId} hidden={!expanded} className="details-row">
        <Table.Td colSpan={6} p={0}>
          {expanded ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" p="md">
              <JsonBlock label={t('audit.before')} value={event.before} />
              <JsonBlock label={t('audit.after')} value={event.after} />
            </SimpleGrid>
          ) : null}
        </Table.Td>
      </Table.Tr>
    </Fragment>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const query = useMemo(() => apiQuery(filters, format.timeZone), [filters, format.timeZone]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const ownOnly = !can(me, 'audit.read');

  const form = useForm<Filters>({
    mode: 'controlled',
    initialValues: filters,
    validate: {
      to: (value, values) => (value && values.from && value < values.from ? t('audit.filters.toBeforeFrom') : null),
    },
  });

  const events = useInfiniteQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ pageParam, signal }) =>
      api.get('/audit-events', {
        query: { ...query, limit: limits.pageSizeDefault, cursor: pageParam },
        schema: auditList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  // Suggestions for the exact-match filters: the values seen so far in this session.
  const [seen] = useState(() => ({ actions: new Set<string>(), objectTypes: new Set<string>() }));
  for (const event of items) {
    seen.actions.add(event.action);
    if (event.objectType) seen.objectTypes.add(event.objectType);
  }
  const knownActions = [...seen.actions].sort();
  const knownObjectTypes = [...seen.objectTypes].sort();

  const apply = (values: Filters) => {
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const value = values[name].trim();
      if (value) next.set(name, value);
    }
    setExpanded(new Set());
    setParams(next, { replace: true });
  };
  const clear = () => {
    const empty: Filters = { action: '', objectType: '', from: '', to: '', actorId: '' };
    form.setValues(empty);
    apply(empty);
  };
  const hasFilters = filterNames.some((name) => filters[name]);
  const exportHref = `${apiBase}/audit-events/export.csv${queryString(query)}`;
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        description={ownOnly ? t('audit.descriptionOwn') : t('audit.description')}
        actions={
          can(me, 'audit.export') ? (
            <Button
              component="a"
              href={exportHref}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('audit.export')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('audit.filters.title')}>
        <form noValidate onSubmit={form.onSubmit(apply)}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Autocomplete
              label={t('audit.filters.action')}
              placeholder={t('audit.filters.actionPlaceholder')}
              data={knownActions}
              maxLength={limits.auditAction}
              spellCheck={false}
              {...form.getInputProps('action')}
            />
            <Autocomplete
              label={t('audit.filters.objectType')}
              placeholder={t('audit.filters.objectTypePlaceholder')}
              data={knownObjectTypes}
              maxLength={limits.objectType}
              spellCheck={false}
              {...form.getInputProps('objectType')}
            />
            <TextInput
              type="date"
              label={t('audit.filters.from')}
              {...form.getInputProps('from')}
              max={form.getValues().to || undefined}
            />
            <TextInput
              type="date"
              label={t('audit.filters.to')}
              {...form.getInputProps('to')}
              min={form.getValues().from || undefined}
            />
          </SimpleGrid>
          <Group justify="space-between" mt="md" gap="sm">
            <Text size="xs" c="dimmed">
              {t('audit.filters.timeZoneNote', { timeZone: format.timeZone })}
            </Text>
            <Group gap="sm">
              {hasFilters ? (
                <Button variant="subtle" color="gray" leftSection={<IconX size={16} aria-hidden />} onClick={clear}>
                  {t('audit.filters.clear')}
                </Button>
              ) : null}
              <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
                {t('audit.filters.apply')}
              </Button>
            </Group>
          </Group>
          {filters.actorId ? (
            <Badge mt="sm" variant="light" rightSection={null}>
              {t('audit.filters.actorFiltered')}
            </Badge>
          ) : null}
        </form>
      </Paper>

      {events.isPending ? (
        <PageLoader />
      ) : events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs" c="dimmed">
            <IconHistory size={28} aria-hidden />
            <Text size="sm">{hasFilters ? t('audit.emptyFiltered') : t('audit.empty')}</Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover aria-label={t('nav.audit')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('audit.details')}</span>
                  </Table.Th>
                  <Table.Th scope="col">{t('audit.columns.when')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.object')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((event) => (
                  <EventRow
                    key={event.id}
                    event={event}
                    expanded={expanded.has(event.id)}
                    onToggle={() => toggle(event.id)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 ? (
        <ListFooter
          shownText={t('audit.shown', { shown: format.number(items.length) })}
          pages={events}
          endText={t('audit.end')}
        />
      ) : null}
    </>
  );
}

export default function AuditPage() {
  return (
    <PageGuard page="audit">
      <AuditLog />
    </PageGuard>
  );
}

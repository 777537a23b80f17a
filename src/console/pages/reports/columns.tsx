import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportRun, ReportSchedule } from '../../../shared/contracts/reports.js';
import { currentLanguage } from '../../i18n.js';
import type { DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { downloadUrl, failureText, recurrenceText } from './api.js';
import { RunStateBadge } from './RunStateBadge.js';

/** The schedules list: name (to its page), kind, recurrence, next run (or "Disabled"), last run. */
export function useScheduleColumns(): DataColumn<ReportSchedule>[] {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    { key: 'name', header: t('reports.list.name'), cell: (s) => <Link to={`/reports/${s.id}`}>{s.name}</Link> },
    { key: 'kind', header: t('reports.list.kind'), cell: (s) => t(`reports.kinds.${s.kind}`) },
    { key: 'when', header: t('reports.list.when'), cell: (s) => recurrenceText(t, s) },
    {
      key: 'nextRun',
      header: t('reports.list.nextRun'),
      cell: (s) =>
        s.enabled && s.nextRunAt ? (
          format.dateTime(s.nextRunAt)
        ) : (
          <Badge variant="light" color="gray">
            {t('reports.disabled')}
          </Badge>
        ),
    },
    {
      key: 'lastRun',
      header: t('reports.list.lastRun'),
      cell: (s) =>
        s.lastRun ? (
          <Group gap="xs">
            <RunStateBadge run={s.lastRun} />
            <Text size="sm">{format.dateTime(s.lastRun.createdAt)}</Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('reports.neverRun')}
          </Text>
        ),
    },
  ];
}

/** A schedule's runs: state (and why it failed), time, recipients and their addresses, rows, files to download. */
export function useRunColumns(scheduleId: string): DataColumn<ReportRun>[] {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    {
      key: 'status',
      header: t('reports.history.status'),
      cell: (run) => (
        <Stack gap={4}>
          <Group gap="xs">
            <RunStateBadge run={run} />
            <Text size="xs" c="dimmed">
              {t(`reports.triggers.${run.trigger}`)}
            </Text>
          </Group>
          {run.status === 'failed' ? (
            <Text size="sm" c="red">
              {failureText(t, run)}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'time',
      header: t('reports.history.time'),
      cell: (run) => format.dateTime(run.scheduledFor ?? run.createdAt),
    },
    {
      key: 'recipients',
      header: t('reports.history.recipients'),
      cell: (run) => (
        <Stack gap={2}>
          {run.recipients.map((r) => (
            <Text key={`${r.contactId}-${r.address ?? ''}`} size="sm" c={r.address ? undefined : 'dimmed'}>
              {r.name} {r.address ? `<${r.address}>` : `— ${t('reports.history.noAddress')}`}
            </Text>
          ))}
        </Stack>
      ),
    },
    {
      key: 'rows',
      header: t('reports.history.rows'),
      cell: (run) => (run.rowCount === null ? '—' : format.number(run.rowCount)),
    },
    {
      key: 'output',
      header: t('reports.history.output'),
      cell: (run) =>
        run.hasOutput ? (
          <Group gap="sm">
            <Anchor href={downloadUrl(scheduleId, run.id, 'report.csv')} download>
              {t('reports.history.csv')}
            </Anchor>
            <Anchor href={downloadUrl(scheduleId, run.id, 'summary.html', currentLanguage())} download>
              {t('reports.history.html')}
            </Anchor>
          </Group>
        ) : (
          '—'
        ),
    },
  ];
}

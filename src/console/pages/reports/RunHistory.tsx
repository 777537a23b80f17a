import { Paper, Stack, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { fetchRunPage, reportKeys } from './api.js';
import { useRunColumns } from './columns.js';

/**
 * A schedule's runs, newest first (keyset pages); refreshed every two seconds while one is under way.
 * No filter, so no address parameters: a plain infinite query (useListPage has no refresh interval).
 */
export function RunHistory({ scheduleId }: { scheduleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = useRunColumns(scheduleId);
  const runs = useInfiniteQuery({
    queryKey: reportKeys.runs(scheduleId),
    queryFn: ({ pageParam, signal }) => fetchRunPage(scheduleId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // while a run is being made, then while its e-mails wait to go out
    refetchInterval: (query) => {
      const runs = query.state.data?.pages[0]?.items ?? [];
      if (runs.some((r) => r.status === 'queued' || r.status === 'running')) return 2000;
      return runs.some((r) => r.status === 'succeeded' && r.delivery.waiting > 0) ? 5000 : false;
    },
  });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('reports.history.title')}
        </Title>
        <DataTable
          label={t('reports.history.title')}
          columns={columns}
          items={items}
          rowKey={(run) => run.id}
          rowProps={() => ({ 'data-testid': 'report-run' })}
          query={runs}
          minWidth={760}
          highlightOnHover={false}
          variant="inset"
          empty={{ text: t('reports.history.empty') }}
          shownText={t('reports.history.shown', { shown: format.number(items.length) })}
        />
      </Stack>
    </Paper>
  );
}

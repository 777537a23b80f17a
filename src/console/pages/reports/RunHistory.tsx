import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { downloadUrl, failureText, fetchRunPage, reportKeys } from './api.js';
import { RunStateBadge } from './RunStateBadge.js';

/** A schedule's runs, newest first (keyset pages); refreshed every two seconds while one is under way. */
export function RunHistory({ scheduleId }: { scheduleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
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
        {runs.isPending ? (
          <PageLoader />
        ) : runs.isError ? (
          <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reports.history.empty')}
          </Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" aria-label={t('reports.history.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.history.status')}</Table.Th>
                    <Table.Th scope="col">{t('reports.history.time')}</Table.Th>
                    <Table.Th scope="col">{t('reports.history.recipients')}</Table.Th>
                    <Table.Th scope="col">{t('reports.history.rows')}</Table.Th>
                    <Table.Th scope="col">{t('reports.history.output')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((run) => (
                    <Table.Tr key={run.id} data-testid="report-run">
                      <Table.Td>
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
                      </Table.Td>
                      <Table.Td>{format.dateTime(run.scheduledFor ?? run.createdAt)}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {run.recipients.map((r) => (
                            <Text
                              key={`${r.contactId}-${r.address ?? ''}`}
                              size="sm"
                              c={r.address ? undefined : 'dimmed'}
                            >
                              {r.name} {r.address ? `<${r.address}>` : `— ${t('reports.history.noAddress')}`}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                      <Table.Td>{run.rowCount === null ? '—' : format.number(run.rowCount)}</Table.Td>
                      <Table.Td>
                        {run.hasOutput ? (
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
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <ListFooter shownText={t('reports.history.shown', { shown: format.number(items.length) })} pages={runs} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

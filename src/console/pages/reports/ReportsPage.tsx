import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarStats, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../api/queries.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { fetchSchedulePage, recurrenceText, reportKeys } from './api.js';
import { RunStateBadge } from './RunStateBadge.js';
import { ScheduleFormModal } from './ScheduleForm.js';

function Schedules() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const schedules = useInfiniteQuery({
    queryKey: reportKeys.list(q),
    queryFn: ({ pageParam, signal }) => fetchSchedulePage(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = schedules.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('nav.reports')}
        description={t('reports.description')}
        actions={
          can(me, 'reports.manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('reports.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <TextInput
            label={t('reports.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            maxLength={limits.search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          {schedules.isPending ? (
            <PageLoader />
          ) : schedules.isError ? (
            <LoadError error={schedules.error} onRetry={() => void schedules.refetch()} />
          ) : items.length === 0 ? (
            <Group gap="sm" c="dimmed" py="lg" justify="center">
              <IconCalendarStats size={20} aria-hidden />
              <Text size="sm">{t('reports.empty')}</Text>
            </Group>
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="sm" highlightOnHover aria-label={t('nav.reports')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('reports.list.name')}</Table.Th>
                      <Table.Th scope="col">{t('reports.list.kind')}</Table.Th>
                      <Table.Th scope="col">{t('reports.list.when')}</Table.Th>
                      <Table.Th scope="col">{t('reports.list.nextRun')}</Table.Th>
                      <Table.Th scope="col">{t('reports.list.lastRun')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <Link to={`/reports/${s.id}`}>{s.name}</Link>
                        </Table.Td>
                        <Table.Td>{t(`reports.kinds.${s.kind}`)}</Table.Td>
                        <Table.Td>{recurrenceText(t, s)}</Table.Td>
                        <Table.Td>
                          {s.enabled && s.nextRunAt ? (
                            format.dateTime(s.nextRunAt)
                          ) : (
                            <Badge variant="light" color="gray">
                              {t('reports.disabled')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {s.lastRun ? (
                            <Group gap="xs">
                              <RunStateBadge run={s.lastRun} />
                              <Text size="sm">{format.dateTime(s.lastRun.createdAt)}</Text>
                            </Group>
                          ) : (
                            <Text size="sm" c="dimmed">
                              {t('reports.neverRun')}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListFooter shownText={t('reports.shown', { shown: format.number(items.length) })} pages={schedules} />
            </>
          )}
        </Stack>
      </Paper>
      {creating ? (
        <ScheduleFormModal
          schedule={null}
          onClose={() => setCreating(false)}
          onSaved={(s) => void navigate(`/reports/${s.id}`)}
        />
      ) : null}
    </>
  );
}

export default function ReportsPage() {
  return (
    <PageGuard page="reports">
      <Schedules />
    </PageGuard>
  );
}

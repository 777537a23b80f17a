import { Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ratingSummarySchema, type RatingFigures } from '../../../shared/contracts/satisfaction.js';
import { api } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { ForbiddenPage } from '../StatusPages.js';

const periods = ['7', '30', '90', '365'] as const;
type Period = (typeof periods)[number];

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The first day of a period ending today (UTC days, as the server counts them). */
const firstDay = (period: Period) => day(new Date(Date.now() - (Number(period) - 1) * 86_400_000));

function useSummary(period: Period, companyId: string | null) {
  return useQuery({
    queryKey: ['support-ratings', 'summary', period, companyId],
    queryFn: ({ signal }) =>
      api.get('/support-ratings/summary', {
        query: { from: firstDay(period), companyId: companyId ?? undefined },
        schema: ratingSummarySchema,
        signal,
      }),
  });
}

/** Ratings of 5 down to 1 as bars, each with its count. */
function Distribution({ figures, label }: { figures: RatingFigures; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2} aria-label={label} role="group">
      {[5, 4, 3, 2, 1].map((score) => {
        const n = figures.distribution[score - 1] ?? 0;
        return (
          <Group key={score} gap="xs" wrap="nowrap" data-score={score}>
            <Text size="xs" w={64}>
              {t('requests.satisfaction.stars', { count: score })}
            </Text>
            <Progress
              value={figures.count ? (100 * n) / figures.count : 0}
              style={{ flex: 1 }}
              aria-label={t('requests.satisfaction.stars', { count: score })}
            />
            <Text size="xs" w={32} ta="end">
              {format.number(n)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

function Average({ figures }: { figures: RatingFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  return figures.average === null
    ? t('requests.satisfaction.noAverage')
    : t('requests.satisfaction.outOf', { average: format.number(figures.average) });
}

/** Customer satisfaction over a period: the average, count and distribution, per technician and per company. */
export default function SatisfactionPage() {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const format = useFormat();
  const [period, setPeriod] = useState<Period>('30');
  const { companyId } = useCompanyFilter();
  const summary = useSummary(period, companyId);
  if (!can(me, 'reports.read')) return <ForbiddenPage title={t('requests.satisfaction.title')} />;
  return (
    <>
      <PageHeader
        title={t('requests.satisfaction.title')}
        description={t('requests.satisfaction.description', labelOptions(words))}
        actions={
          <SegmentedControl
            aria-label={t('requests.satisfaction.period')}
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={periods.map((p) => ({ value: p, label: t(`requests.satisfaction.periods.${p}`) }))}
          />
        }
      />
      {summary.isPending ? (
        <PageLoader />
      ) : summary.isError ? (
        <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder radius="md" p="md">
              <Text size="sm">{t('requests.satisfaction.average')}</Text>
              <Title order={2} data-testid="satisfaction-average">
                <Average figures={summary.data.total} />
              </Title>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Text size="sm">{t('requests.satisfaction.count')}</Text>
              <Title order={2} data-testid="satisfaction-count">
                {format.number(summary.data.total.count)}
              </Title>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Text size="sm" mb={4}>
                {t('requests.satisfaction.distribution')}
              </Text>
              <Distribution figures={summary.data.total} label={t('requests.satisfaction.distribution')} />
            </Paper>
          </SimpleGrid>
          {summary.data.total.count === 0 ? (
            <Paper withBorder radius="md" p="xl">
              <Text ta="center">{t('requests.satisfaction.none')}</Text>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <FiguresTable
                title={t('requests.satisfaction.byTechnician')}
                nameHeader={t('requests.satisfaction.technician')}
                testId="satisfaction-technicians"
                rows={summary.data.byTechnician.map((r) => ({
                  key: r.technician?.id ?? 'none',
                  name: r.technician?.name ?? t('requests.satisfaction.unknownTechnician'),
                  figures: r,
                }))}
              />
              <FiguresTable
                title={t('requests.satisfaction.byCompany', labelOptions(words))}
                nameHeader={words.singular}
                testId="satisfaction-companies"
                rows={summary.data.byCompany.map((r) => ({ key: r.company.id, name: r.company.name, figures: r }))}
              />
            </SimpleGrid>
          )}
        </Stack>
      )}
    </>
  );
}

function FiguresTable({
  title,
  nameHeader,
  rows,
  testId,
}: {
  title: string;
  nameHeader: string;
  rows: { key: string; name: string; figures: RatingFigures }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} fz="md" mb="sm">
        {title}
      </Title>
      <Table data-testid={testId} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{nameHeader}</Table.Th>
            <Table.Th>{t('requests.satisfaction.average')}</Table.Th>
            <Table.Th>{t('requests.satisfaction.count')}</Table.Th>
            <Table.Th>{t('requests.satisfaction.distribution')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-name={row.name}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td data-testid="row-average">
                <Average figures={row.figures} />
              </Table.Td>
              <Table.Td data-testid="row-count">{format.number(row.figures.count)}</Table.Td>
              <Table.Td miw={160}>
                <Distribution
                  figures={row.figures}
                  label={`${t('requests.satisfaction.distribution')} · ${row.name}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

import { Badge, Paper, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportSchedule } from '../../../shared/contracts/reports.js';
import { Fact } from '../../kit/Fact.js';
import { useFormat } from '../../lib/format.js';
import { recurrenceText } from './api.js';

/** What a schedule sends, about which companies, when, to whom, and whose it is. */
export function ScheduleFacts({ schedule: s }: { schedule: ReportSchedule }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
        <Fact label={t('reports.list.kind')}>{t(`reports.kinds.${s.kind}`)}</Fact>
        <Fact label={t('reports.form.companies')}>
          {s.allCompanies ? t('reports.allCompanies') : s.companies.map((c) => c.name).join(', ')}
        </Fact>
        <Fact label={t('reports.list.when')}>{recurrenceText(t, s)}</Fact>
        <Fact label={t('reports.list.nextRun')}>
          {s.enabled && s.nextRunAt ? (
            format.dateTime(s.nextRunAt)
          ) : (
            <Badge variant="light" color="gray">
              {t('reports.disabled')}
            </Badge>
          )}
        </Fact>
        <Fact label={t('reports.form.recipients')}>{s.recipients.map((r) => r.name).join(', ')}</Fact>
        <Fact label={t('reports.owner')}>{s.owner?.name ?? '—'}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

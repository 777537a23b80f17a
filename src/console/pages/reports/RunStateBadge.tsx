import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportRun } from '../../../shared/contracts/reports.js';
import { statusColor } from './api.js';

/**
 * Where a run stands: queued, running or failed while it is made; once made, how its e-mails
 * fared — sent, still waiting (quiet hours, no SMTP server, retries) or not delivered.
 */
export function RunStateBadge({ run }: { run: Pick<ReportRun, 'status' | 'delivery'> }) {
  const { t } = useTranslation();
  if (run.status !== 'succeeded') {
    return (
      <Badge variant="light" color={statusColor[run.status]}>
        {t(`reports.statuses.${run.status}`)}
      </Badge>
    );
  }
  const { failed, waiting } = run.delivery;
  const [color, label] =
    failed > 0
      ? ['red', t('reports.delivery.failed', { count: failed })]
      : waiting > 0
        ? ['yellow', t('reports.delivery.waiting', { count: waiting })]
        : ['teal', t('reports.delivery.sent')];
  return (
    <Badge variant="light" color={color}>
      {label}
    </Badge>
  );
}

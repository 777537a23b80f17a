import { useTranslation } from 'react-i18next';
import { delayedEvents, type AlertRule } from '../../../shared/contracts/alerts.js';
import type { DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { RuleActions, RuleState } from './RuleActions.js';

/** The rules table's columns: name, event (with its delay), recipients and their methods, state, last fired, actions. */
export function useRuleColumns(onEdit: (rule: AlertRule) => void): DataColumn<AlertRule>[] {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    { key: 'name', header: t('alerts.columns.name'), cell: (r) => r.name },
    {
      key: 'event',
      header: t('alerts.columns.event'),
      cell: (r) =>
        delayedEvents.includes(r.event)
          ? `${t(`alerts.events.${r.event}`)} (${r.delayMinutes ? t('alerts.minutes', { count: r.delayMinutes, formatted: format.number(r.delayMinutes) }) : t('alerts.immediately')})`
          : t(`alerts.events.${r.event}`),
    },
    {
      key: 'recipients',
      header: t('alerts.columns.recipients'),
      cell: (r) =>
        r.recipients
          .map((x) => `${x.name} (${x.methodTypes.map((m) => t(`contacts.methods.types.${m}`)).join(', ')})`)
          .join('; '),
    },
    { key: 'state', header: t('alerts.columns.state'), cell: (r) => <RuleState rule={r} /> },
    {
      key: 'lastFired',
      header: t('alerts.columns.lastFired'),
      cell: (r) => (r.lastFiredAt ? format.dateTime(r.lastFiredAt) : t('alerts.never')),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      hiddenHeader: true,
      cell: (r) => <RuleActions rule={r} onEdit={() => onEdit(r)} />,
    },
  ];
}

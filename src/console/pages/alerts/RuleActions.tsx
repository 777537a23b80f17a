import { Badge, Button, Group, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AlertRule, AlertTestResult } from '../../../shared/contracts/alerts.js';
import { RowDeleteButton, RowEditButton, useFailureNotice } from '../../kit/RowButtons.js';
import { deleteRule, refreshAlertRules, saveRule, testRule } from './api.js';

/** What a test alert did: how many messages were written, and why a recipient's kind got none. */
function testOutcome(t: TFunction, r: AlertTestResult) {
  const why = r.unreached.map((u) =>
    t(`alerts.testUnreached.${u.reason}`, { name: u.name, method: t(`contacts.methods.types.${u.methodType}`) }),
  );
  if (r.messages === 0)
    return { color: 'red', title: t('alerts.testNone'), message: why.join(' ') || t('alerts.testNoRecipient') };
  return {
    color: why.length ? 'yellow' : 'teal',
    message: [t('alerts.tested', { count: r.messages }), ...why].join(' '),
  };
}

/** A rule's on/off switch (for those who may change it) and its count of open conditions. */
export function RuleState({ rule }: { rule: AlertRule }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => saveRule(rule.id, { enabled }),
    onSuccess: () => refreshAlertRules(queryClient),
    onError: useFailureNotice(),
  });
  return (
    <Group gap="xs">
      <Switch
        aria-label={`${t('alerts.fields.enabled')}: ${rule.name}`}
        checked={rule.enabled}
        disabled={!rule.abilities.update}
        onChange={(e) => toggle.mutate(e.currentTarget.checked)}
      />
      {rule.openConditions ? (
        <Badge variant="light" color="yellow">
          {t('alerts.open', { count: rule.openConditions })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Edit, test and delete (confirmed), each shown when the rule allows it. */
export function RuleActions({ rule, onEdit }: { rule: AlertRule; onEdit: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fail = useFailureNotice();
  const remove = useMutation({
    mutationFn: () => deleteRule(rule.id),
    onSuccess: () => refreshAlertRules(queryClient),
    onError: fail,
  });
  const test = useMutation({
    mutationFn: () => testRule(rule.id),
    onSuccess: (r) => notifications.show(testOutcome(t, r)),
    onError: fail,
  });
  return (
    <Group gap="xs" wrap="nowrap">
      {rule.abilities.update ? <RowEditButton text={t('alerts.edit')} row={rule.name} onClick={onEdit} /> : null}
      {rule.abilities.test ? (
        <Button size="compact-xs" variant="default" onClick={() => test.mutate()} loading={test.isPending}>
          {t('alerts.test')}
        </Button>
      ) : null}
      {rule.abilities.delete ? (
        <RowDeleteButton
          text={t('alerts.delete')}
          row={rule.name}
          question={t('alerts.deleteConfirm', { name: rule.name })}
          onConfirm={() => remove.mutate()}
        />
      ) : null}
    </Group>
  );
}

import { Badge, Button, Group, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AlertRule, AlertTestResult } from '../../../shared/contracts/alerts.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
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

/** A failed change to a rule, said in a notification. */
function useFail() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error, locale) });
}

/** A rule's on/off switch (for those who may change it) and its count of open conditions. */
export function RuleState({ rule }: { rule: AlertRule }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => saveRule(rule.id, { enabled }),
    onSuccess: () => refreshAlertRules(queryClient),
    onError: useFail(),
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
  const fail = useFail();
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
      {rule.abilities.update ? (
        <Button
          size="compact-xs"
          variant="default"
          aria-label={`${t('alerts.edit')}: ${rule.name}`}
          leftSection={<IconPencil size={14} aria-hidden />}
          onClick={onEdit}
        >
          {t('alerts.edit')}
        </Button>
      ) : null}
      {rule.abilities.test ? (
        <Button size="compact-xs" variant="default" onClick={() => test.mutate()} loading={test.isPending}>
          {t('alerts.test')}
        </Button>
      ) : null}
      {rule.abilities.delete ? (
        <Button
          size="compact-xs"
          color="red"
          variant="subtle"
          aria-label={`${t('alerts.delete')}: ${rule.name}`}
          onClick={() => window.confirm(t('alerts.deleteConfirm', { name: rule.name })) && remove.mutate()}
        >
          <IconTrash size={14} aria-hidden />
        </Button>
      ) : null}
    </Group>
  );
}

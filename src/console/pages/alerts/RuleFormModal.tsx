import { Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  accountWideEvents,
  alertEvents,
  delayedEvents,
  type AlertEvent,
  type AlertRule,
} from '../../../shared/contracts/alerts.js';
import { limits } from '../../../shared/limits.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useCompanyChoices } from '../users/api.js';
import { refreshAlertRules, saveRule } from './api.js';
import { RecipientsField } from './RecipientsField.js';
import { ruleBody, ruleFormFieldOf, ruleValidation, ruleValues, type RuleValues } from './rule-values.js';

/** Creates a rule, or changes one: the same form, prefilled from the rule. */
export function RuleFormModal({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const {
    form,
    mutation: save,
    problems,
    onSubmit,
  } = useApiForm({
    form: { mode: 'controlled', initialValues: ruleValues(rule), validate: ruleValidation(t) },
    mutationFn: (values: RuleValues) => saveRule(rule?.id ?? null, ruleBody(values)),
    formFieldOf: ruleFormFieldOf,
    onSuccess: () => {
      refreshAlertRules(queryClient);
      notifications.show({ color: 'teal', message: t('alerts.saved') });
      onClose();
    },
  });
  const values = form.getValues();
  return (
    <Modal
      opened
      onClose={onClose}
      title={rule ? t('alerts.editTitle', { name: rule.name }) : t('alerts.new')}
      size="lg"
      centered
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          <FormAlert messages={problems} />
          <TextInput
            label={t('alerts.fields.name')}
            required
            maxLength={limits.alertRuleName}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('alerts.fields.event')}
            data={alertEvents.map((x) => ({ value: x, label: t(`alerts.events.${x}`) }))}
            value={values.event}
            onChange={(x) => x && form.setFieldValue('event', x as AlertEvent)}
            error={form.errors.event}
            allowDeselect={false}
          />
          {delayedEvents.includes(values.event) ? (
            <NumberInput
              label={t('alerts.fields.delay')}
              description={t('alerts.fields.delayHint')}
              min={0}
              max={limits.alertDelayMinutes}
              allowDecimal={false}
              allowNegative={false}
              value={values.delay}
              onChange={(v) =>
                form.setFieldValue('delay', typeof v === 'number' ? v : v === '' ? ('' as never) : Number(v))
              }
              error={form.errors.delay}
              rightSectionWidth={120}
              rightSection={
                values.delay === 0 ? (
                  <Text size="xs" pr="sm" data-testid="delay-immediately">
                    {t('alerts.immediately')}
                  </Text>
                ) : null
              }
            />
          ) : null}
          {accountWideEvents.includes(values.event) ? (
            <Text size="sm" c="dimmed">
              {t('alerts.fields.accountWide')}
            </Text>
          ) : (
            <MultiSelect
              label={t('alerts.fields.companies')}
              placeholder={t('alerts.fields.allCompanies')}
              data={companies.options}
              searchable
              clearable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('companyIds')}
            />
          )}
          <RecipientsField
            value={values.recipients}
            onChange={(recipients) => form.setFieldValue('recipients', recipients)}
            error={form.errors.recipients}
            errorOf={(index) => form.errors[`recipients.${index}.methodTypes`] ?? form.errors[`recipients.${index}`]}
          />
          <Switch label={t('alerts.fields.urgent')} {...form.getInputProps('urgent', { type: 'checkbox' })} />
          <Switch label={t('alerts.fields.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {rule ? t('alerts.save') : t('alerts.new')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

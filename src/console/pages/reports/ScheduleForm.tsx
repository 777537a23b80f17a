import { Button, Group, Modal, MultiSelect, Radio, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reportKinds, type ReportSchedule } from '../../../shared/contracts/reports.js';
import { limits } from '../../../shared/limits.js';
import { validators } from '../../api/errors.js';
import { useSession } from '../../session/api.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { ContactPicker } from '../contacts/ContactPicker.js';
import { useCompanyChoices } from '../users/api.js';
import { refreshReports, saveSchedule } from './api.js';
import { bodyOf, valuesOf, type ScheduleValues } from './schedule-values.js';
import { WhenFields } from './WhenFields.js';

/** Creates a schedule, or changes one (whoever saves it becomes its owner). */
export function ScheduleFormModal({
  schedule,
  onClose,
  onSaved,
}: {
  schedule: ReportSchedule | null;
  onClose: () => void;
  onSaved?: (s: ReportSchedule) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const v = validators(t);
  const {
    form,
    mutation: save,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: valuesOf(schedule, me.user.timeZone),
      validate: {
        name: v.required,
        recipients: (chosen: ScheduleValues['recipients']) =>
          chosen.length === 0 ? t('reports.form.recipientsRequired') : null,
        companyIds: (ids: string[], values: ScheduleValues) =>
          values.access === 'chosen' && ids.length === 0 ? t('reports.form.companiesRequired') : null,
      },
    },
    mutationFn: (values: ScheduleValues) => saveSchedule(schedule?.id ?? null, bodyOf(values)),
    formFieldOf: { recipientContactIds: 'recipients' },
    onSuccess: (saved) => {
      refreshReports(queryClient);
      notifications.show({ color: 'teal', message: t(schedule ? 'reports.saved' : 'reports.created') });
      onClose();
      onSaved?.(saved);
    },
  });
  const values = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t(schedule ? 'reports.edit' : 'reports.new')} size="lg" centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('reports.form.name')}
            required
            maxLength={limits.reportName}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('reports.form.kind')}
            data={reportKinds.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Radio.Group label={t('reports.form.companies')} {...form.getInputProps('access')}>
            <Group gap="lg" mt="xs">
              <Radio value="all" label={t('reports.allCompanies')} />
              <Radio value="chosen" label={t('reports.form.chosenCompanies')} />
            </Group>
          </Radio.Group>
          {values.access === 'chosen' ? (
            <MultiSelect
              aria-label={t('reports.form.chosenCompanies')}
              data={companies.options}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('companyIds')}
            />
          ) : null}
          <WhenFields form={form} />
          <ContactPicker
            label={t('reports.form.recipients')}
            description={t('reports.form.recipientsHint')}
            maxValues={limits.reportRecipients}
            value={values.recipients}
            onChange={(chosen) => form.setFieldValue('recipients', chosen)}
            error={form.errors.recipients}
          />
          <Switch label={t('reports.form.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t(schedule ? 'reports.form.save' : 'reports.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

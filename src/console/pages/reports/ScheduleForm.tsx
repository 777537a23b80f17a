import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  reportFrequencies,
  reportKinds,
  type ReportFrequency,
  type ReportKind,
  type ReportSchedule,
} from '../../../shared/contracts/reports.js';
import { limits } from '../../../shared/limits.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { useSession } from '../../api/queries.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { timeZoneOptions } from '../../lib/time.js';
import { useCompanyChoices } from '../users/api.js';
import { ContactPicker, type ChosenContact } from '../contacts/ContactPicker.js';
import { refreshReports, saveSchedule } from './api.js';

interface ScheduleValues {
  name: string;
  kind: ReportKind;
  access: 'all' | 'chosen';
  companyIds: string[];
  frequency: ReportFrequency;
  weekday: string;
  monthDay: number;
  time: string;
  timeZone: string;
  recipients: ChosenContact[];
  enabled: boolean;
}

const valuesOf = (s: ReportSchedule | null, timeZone: string): ScheduleValues => ({
  name: s?.name ?? '',
  kind: s?.kind ?? 'device_inventory',
  access: s && !s.allCompanies ? 'chosen' : 'all',
  companyIds: s?.companies.map((c) => c.id) ?? [],
  frequency: s?.frequency ?? 'weekly',
  weekday: String(s?.weekday ?? 1),
  monthDay: s?.monthDay ?? 1,
  time: s?.time ?? '08:00',
  timeZone: s?.timeZone ?? timeZone,
  recipients: s?.recipients.map((r) => ({ id: r.id, label: r.name })) ?? [],
  enabled: s?.enabled ?? true,
});

function bodyOf(v: ScheduleValues) {
  return {
    name: v.name.trim(),
    kind: v.kind,
    companyIds: v.access === 'all' ? ('all' as const) : v.companyIds,
    frequency: v.frequency,
    weekday: v.frequency === 'weekly' ? Number(v.weekday) : null,
    monthDay: v.frequency === 'monthly' ? v.monthDay : null,
    time: v.time,
    timeZone: v.timeZone,
    recipientContactIds: v.recipients.map((r) => r.id),
    enabled: v.enabled,
  };
}

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
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<ScheduleValues>({
    mode: 'controlled',
    initialValues: valuesOf(schedule, me.user.timeZone),
    validate: {
      name: v.required,
      recipients: (chosen) => (chosen.length === 0 ? t('reports.form.recipientsRequired') : null),
      companyIds: (ids, values) =>
        values.access === 'chosen' && ids.length === 0 ? t('reports.form.companiesRequired') : null,
    },
  });
  const values = form.getValues();
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const save = useMutation({
    mutationFn: (values: ScheduleValues) => saveSchedule(schedule?.id ?? null, bodyOf(values)),
    onSuccess: (saved) => {
      refreshReports(queryClient);
      notifications.show({ color: 'teal', message: t(schedule ? 'reports.saved' : 'reports.created') });
      onClose();
      onSaved?.(saved);
    },
    onError: (error) =>
      setProblems(
        applyFieldErrors(form as Parameters<typeof applyFieldErrors>[0], error, t, currentLanguage(), {
          recipientContactIds: 'recipients',
        }) ?? [errorText(t, error, locale)],
      ),
  });
  return (
    <Modal opened onClose={onClose} title={t(schedule ? 'reports.edit' : 'reports.new')} size="lg" centered>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
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
          <Group grow align="flex-start">
            <Select
              label={t('reports.form.frequency')}
              data={reportFrequencies.map((f) => ({ value: f, label: t(`reports.frequencies.${f}`) }))}
              allowDeselect={false}
              {...form.getInputProps('frequency')}
            />
            {values.frequency === 'weekly' ? (
              <Select
                label={t('reports.form.weekday')}
                data={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
                  value: String(d),
                  label: t(`reports.weekdays.${String(d) as '1'}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps('weekday')}
              />
            ) : null}
            {values.frequency === 'monthly' ? (
              <NumberInput
                label={t('reports.form.monthDay')}
                min={1}
                max={31}
                clampBehavior="strict"
                allowDecimal={false}
                {...form.getInputProps('monthDay')}
              />
            ) : null}
            <TextInput type="time" label={t('reports.form.time')} required {...form.getInputProps('time')} />
          </Group>
          {values.frequency === 'monthly' && values.monthDay > 28 ? (
            <Text size="xs" c="dimmed">
              {t('reports.form.lastDayHint', { day: values.monthDay })}
            </Text>
          ) : null}
          <Select
            label={t('reports.form.timeZone')}
            data={zones}
            searchable
            allowDeselect={false}
            {...form.getInputProps('timeZone')}
          />
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

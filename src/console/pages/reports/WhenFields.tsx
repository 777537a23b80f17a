import { Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { reportFrequencies } from '../../../shared/contracts/reports.js';
import { TimeZoneSelect } from '../../kit/TimeZoneSelect.js';
import type { ScheduleValues } from './schedule-values.js';

/** When a schedule runs: frequency, weekday or day of the month, time, and time zone. */
export function WhenFields({ form }: { form: ReturnType<typeof useForm<ScheduleValues>> }) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <>
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
      <TimeZoneSelect label={t('reports.form.timeZone')} {...form.getInputProps('timeZone')} />
    </>
  );
}

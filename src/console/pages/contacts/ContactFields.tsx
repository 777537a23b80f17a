import { Group, MultiSelect, Radio, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
type GetInputPropsReturnType = ReturnType<ReturnType<typeof useForm<ContactValues>>['getInputProps']>;
import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { languages } from '../../../shared/locales.js';
import { TimeZoneSelect } from '../../kit/TimeZoneSelect.js';
import { useCompanyChoices } from '../users/api.js';

/** What the fields need of a Mantine form over ContactValues (create and edit forms differ in extra fields). */
interface ContactForm {
  getValues(): ContactValues;
  getInputProps(path: string, options?: { type?: 'input' | 'checkbox' }): GetInputPropsReturnType;
}

export interface ContactValues {
  name: string;
  access: 'all' | 'chosen';
  companyIds: string[];
  language: string;
  timeZone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
}

/** The body a contact form sends: companies "all" or a list, quiet hours or none. */
export function contactBody(values: ContactValues) {
  return {
    name: values.name.trim(),
    companyIds: values.access === 'all' ? ('all' as const) : values.companyIds,
    language: values.language as (typeof languages)[number],
    timeZone: values.timeZone,
    quietHours: values.quiet ? { start: values.quietStart, end: values.quietEnd } : null,
  };
}

/** The form fields of the API's quiet hours (its problems said on the start and end inputs). */
export const quietHoursFields = {
  quietHours: 'quietEnd',
  'quietHours.start': 'quietStart',
  'quietHours.end': 'quietEnd',
};

/** Name, companies, language, time zone and quiet hours: shared by the create and edit forms. */
export function ContactFields({ form, nameLocked = false }: { form: ContactForm; nameLocked?: boolean }) {
  const { t } = useTranslation();
  const companies = useCompanyChoices();
  const values = form.getValues();
  return (
    <Stack gap="sm">
      <TextInput
        label={t('contacts.fields.name')}
        required
        maxLength={limits.name}
        disabled={nameLocked}
        {...form.getInputProps('name')}
      />
      <Radio.Group label={t('contacts.fields.companies')} {...form.getInputProps('access')}>
        <Group gap="lg" mt="xs">
          <Radio value="all" label={t('contacts.fields.allCompanies')} />
          <Radio value="chosen" label={t('contacts.columns.companies')} />
        </Group>
      </Radio.Group>
      {values.access === 'chosen' ? (
        <MultiSelect
          aria-label={t('contacts.columns.companies')}
          data={companies.options}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('companyIds')}
        />
      ) : null}
      <Group grow>
        <Select
          label={t('contacts.fields.language')}
          data={languages.map((language) => ({ value: language, label: t('language.self', { lng: language }) }))}
          allowDeselect={false}
          {...form.getInputProps('language')}
        />
        <TimeZoneSelect label={t('contacts.fields.timeZone')} {...form.getInputProps('timeZone')} />
      </Group>
      <Switch label={t('contacts.fields.quietHours')} {...form.getInputProps('quiet', { type: 'checkbox' })} />
      {values.quiet ? (
        <>
          <Group grow>
            <TextInput type="time" label={t('contacts.fields.quietStart')} {...form.getInputProps('quietStart')} />
            <TextInput type="time" label={t('contacts.fields.quietEnd')} {...form.getInputProps('quietEnd')} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('contacts.fields.quietHint')}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}

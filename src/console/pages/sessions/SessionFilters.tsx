import { Button, Group, NumberInput, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sessionKinds, sessionOutcomes, sessionStatuses } from '../../../shared/contracts/sessions.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../company-filter/api.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useSessionTechnicians } from './api.js';
import { filterNames, noFilters, type Filters } from './filters.js';

/** The Sessions page's filters, applied when sent (and then kept in the address). */
export function SessionFilters(props: { filters: Filters; apply: (values: Filters) => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyOptions('', { staleTime: companyChoicesStaleTime });
  const technicians = useSessionTechnicians();
  const form = useForm<Filters>({
    mode: 'controlled',
    initialValues: props.filters,
    validate: {
      to: (value, values) => (value && values.from && value < values.from ? t('sessions.filters.toBeforeFrom') : null),
    },
  });
  const select = (name: keyof Filters) => {
    const input = form.getInputProps(name);
    return {
      ...input,
      value: (input.value as string) || null,
      onChange: (v: string | null) => form.setFieldValue(name, v ?? ''),
    };
  };
  const clear = () => {
    form.setValues(noFilters);
    props.apply(noFilters);
  };
  const hasFilters = filterNames.some((name) => props.filters[name]);
  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('sessions.filters.title')}>
      <form noValidate onSubmit={form.onSubmit(props.apply)}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Select
            label={words.singular}
            data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            searchable
            clearable
            {...select('companyId')}
          />
          <Select
            label={t('sessions.fields.technician')}
            data={(technicians.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            searchable
            clearable
            {...select('technicianId')}
          />
          <TextInput type="date" label={t('sessions.filters.from')} {...form.getInputProps('from')} />
          <TextInput type="date" label={t('sessions.filters.to')} {...form.getInputProps('to')} />
          <Select
            label={t('sessions.fields.outcome')}
            data={sessionOutcomes.map((o) => ({ value: o, label: t(`sessions.outcome.${o}`) }))}
            clearable
            {...select('outcome')}
          />
          <Select
            label={t('sessions.fields.status')}
            data={sessionStatuses.map((s) => ({ value: s, label: t(`sessions.status.${s}`) }))}
            clearable
            {...select('status')}
          />
          <Select
            label={t('remote.kind.label')}
            data={sessionKinds.map((k) => ({ value: k, label: t(`remote.kind.${k}`) }))}
            clearable
            {...select('kind')}
          />
          <NumberInput
            label={t('sessions.filters.minMinutes')}
            min={0}
            max={100_000}
            allowDecimal={false}
            {...form.getInputProps('minMinutes')}
            onChange={(v) => form.setFieldValue('minMinutes', v === '' ? '' : String(v))}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md" gap="sm">
          {hasFilters ? (
            <Button variant="subtle" color="gray" leftSection={<IconX size={16} aria-hidden />} onClick={clear}>
              {t('sessions.filters.clear')}
            </Button>
          ) : null}
          <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
            {t('sessions.filters.apply')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

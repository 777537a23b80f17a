import { Badge, Button, Group, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { filterNames, noFilters, type Filters } from './filters.js';
import { useAuditNames } from './names.js';

/** The audit log's filters, applied when sent (an action and an object type chosen by name, days in the user's zone). */
export function AuditFilters(props: { filters: Filters; apply: (values: Filters) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useAuditNames();
  const form = useForm<Filters>({
    mode: 'controlled',
    initialValues: props.filters,
    validate: {
      to: (value, values) => (value && values.from && value < values.from ? t('audit.filters.toBeforeFrom') : null),
    },
  });
  const clear = () => {
    form.setValues(noFilters);
    props.apply(noFilters);
  };
  const hasFilters = filterNames.some((name) => props.filters[name]);
  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('audit.filters.title')}>
      <form noValidate onSubmit={form.onSubmit(props.apply)}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Select
            label={t('audit.filters.action')}
            placeholder={t('auditNames.anyAction')}
            data={names.actionOptions}
            searchable
            clearable
            nothingFoundMessage={t('audit.emptyFiltered')}
            {...form.getInputProps('action')}
            value={form.getValues().action || null}
            onChange={(value) => form.setFieldValue('action', value ?? '')}
          />
          <Select
            label={t('audit.filters.objectType')}
            placeholder={t('auditNames.anyObjectType')}
            data={names.objectTypeOptions}
            searchable
            clearable
            {...form.getInputProps('objectType')}
            value={form.getValues().objectType || null}
            onChange={(value) => form.setFieldValue('objectType', value ?? '')}
          />
          <TextInput
            type="date"
            label={t('audit.filters.from')}
            {...form.getInputProps('from')}
            max={form.getValues().to || undefined}
          />
          <TextInput
            type="date"
            label={t('audit.filters.to')}
            {...form.getInputProps('to')}
            min={form.getValues().from || undefined}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="md" gap="sm">
          <Text size="xs" c="dimmed">
            {t('auditNames.timeZoneNote', { timeZone: format.timeZone })}
          </Text>
          <Group gap="sm">
            {hasFilters ? (
              <Button variant="subtle" color="gray" leftSection={<IconX size={16} aria-hidden />} onClick={clear}>
                {t('audit.filters.clear')}
              </Button>
            ) : null}
            <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
              {t('audit.filters.apply')}
            </Button>
          </Group>
        </Group>
        {props.filters.actorId ? (
          <Badge mt="sm" variant="light" rightSection={null}>
            {t('audit.filters.actorFiltered')}
          </Badge>
        ) : null}
      </form>
    </Paper>
  );
}

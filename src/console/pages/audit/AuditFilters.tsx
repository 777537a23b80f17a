import { Autocomplete, Badge, Button, Group, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/contracts/audit.js';
import { limits } from '../../../shared/limits.js';
import { useFormat } from '../../lib/format.js';
import { filterNames, noFilters, type Filters } from './filters.js';

/** Suggestions for the exact-match filters: the values seen so far in this session. */
function useSeenValues(items: AuditEvent[]) {
  const [seen] = useState(() => ({ actions: new Set<string>(), objectTypes: new Set<string>() }));
  for (const event of items) {
    seen.actions.add(event.action);
    if (event.objectType) seen.objectTypes.add(event.objectType);
  }
  return { actions: [...seen.actions].sort(), objectTypes: [...seen.objectTypes].sort() };
}

/** The audit log's filters, applied when sent (exact action and object type, days in the user's zone). */
export function AuditFilters(props: { filters: Filters; items: AuditEvent[]; apply: (values: Filters) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const known = useSeenValues(props.items);
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
          <Autocomplete
            label={t('audit.filters.action')}
            placeholder={t('audit.filters.actionPlaceholder')}
            data={known.actions}
            maxLength={limits.auditAction}
            spellCheck={false}
            {...form.getInputProps('action')}
          />
          <Autocomplete
            label={t('audit.filters.objectType')}
            placeholder={t('audit.filters.objectTypePlaceholder')}
            data={known.objectTypes}
            maxLength={limits.objectType}
            spellCheck={false}
            {...form.getInputProps('objectType')}
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
            {t('audit.filters.timeZoneNote', { timeZone: format.timeZone })}
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

import {
  ActionIcon,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Button,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customFieldTypes, fieldRequirements, type CustomField } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { Section } from '../account/Section.js';
import { keyFromLabel, newField } from './draft.js';
import type { SectionProps } from './GeneralSection.js';

export function FieldsSection({ draft, onChange, editable, problems }: SectionProps) {
  const { t } = useTranslation();
  const custom = draft.fields.custom;
  const setCustom = (next: CustomField[]) => onChange({ ...draft, fields: { ...draft.fields, custom: next } });
  const update = (i: number, patch: Partial<CustomField>) =>
    setCustom(custom.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...custom];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    setCustom(next);
  };
  return (
    <Section title={t('portals.fields.title')} description={t('portals.fields.always')}>
      <Stack gap="md">
        <div>
          <Text size="sm" fw={500} mb={4} id="phone-requirement">
            {t('portals.fields.phone')}
          </Text>
          <SegmentedControl
            aria-labelledby="phone-requirement"
            value={draft.fields.phone}
            onChange={(v) =>
              onChange({ ...draft, fields: { ...draft.fields, phone: v as (typeof fieldRequirements)[number] } })
            }
            data={fieldRequirements.map((r) => ({ value: r, label: t(`portals.fields.requirement.${r}`) }))}
            disabled={!editable}
          />
        </div>
        <Text size="sm" fw={600}>
          {t('portals.fields.custom')}
        </Text>
        {custom.map((field, i) => {
          const name = field.label || field.key;
          const problem = (key: string) => problems[`fields.custom.${i}.${key}`];
          return (
            <Paper key={i} withBorder radius="md" p="sm" data-testid="custom-field">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t('portals.fields.label')}
                  value={field.label}
                  maxLength={limits.portalFieldLabel}
                  onChange={(e) => {
                    const label = e.currentTarget.value;
                    const others = custom.filter((_, j) => j !== i).map((f) => f.key);
                    // the key follows the label until the field is saved once
                    update(i, {
                      label,
                      ...(field.key.startsWith('field') || field.key === keyFromLabel(field.label, others)
                        ? { key: keyFromLabel(label, others) }
                        : {}),
                    });
                  }}
                  readOnly={!editable}
                  required
                  error={problem('label')}
                />
                <TextInput
                  label={t('portals.fields.key')}
                  description={t('portals.fields.keyHelp')}
                  value={field.key}
                  maxLength={limits.portalFieldKey}
                  onChange={(e) => update(i, { key: e.currentTarget.value })}
                  readOnly={!editable}
                  error={problem('key')}
                />
                <Select
                  label={t('portals.fields.type')}
                  data={customFieldTypes.map((type) => ({ value: type, label: t(`portals.fields.types.${type}`) }))}
                  value={field.type}
                  onChange={(v) =>
                    update(i, {
                      type: v as CustomField['type'],
                      options: v === 'choice' ? (field.options ?? ['', '']) : undefined,
                    })
                  }
                  allowDeselect={false}
                  disabled={!editable}
                />
              </SimpleGrid>
              {field.type === 'choice' ? (
                <Textarea
                  mt="sm"
                  label={t('portals.fields.options')}
                  description={t('portals.fields.optionsHelp')}
                  autosize
                  minRows={2}
                  value={(field.options ?? []).join('\n')}
                  onChange={(e) =>
                    update(i, { options: e.currentTarget.value.split('\n').slice(0, limits.portalFieldOptions) })
                  }
                  readOnly={!editable}
                  error={problem('options')}
                />
              ) : null}
              <Group justify="space-between" mt="sm">
                <Checkbox
                  label={t('portals.fields.required')}
                  checked={field.required}
                  onChange={(e) => update(i, { required: e.currentTarget.checked })}
                  disabled={!editable}
                />
                {editable ? (
                  <Group gap={4}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('portals.fields.moveUp', { label: name })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('portals.fields.moveDown', { label: name })}
                      disabled={i === custom.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('portals.fields.remove', { label: name })}
                      onClick={() => setCustom(custom.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                ) : null}
              </Group>
            </Paper>
          );
        })}
        {editable && custom.length < limits.portalCustomFields ? (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCustom([...custom, newField(custom.map((f) => f.key))])}
            >
              {t('portals.fields.add')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Section>
  );
}

import { ActionIcon, Checkbox, Group, Paper, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customFieldTypes, type CustomField } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { keyFromLabel } from './draft.js';

/** One custom field of the portal's form: label (its key following), key, type, choices, required; moved or removed. */
export function CustomFieldCard({
  custom,
  i,
  update,
  move,
  remove,
  editable,
  problems,
}: {
  custom: CustomField[];
  i: number;
  update: (i: number, patch: Partial<CustomField>) => void;
  move: (i: number, by: -1 | 1) => void;
  remove: (i: number) => void;
  editable: boolean;
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  const field = custom[i];
  if (!field) return null;
  const name = field.label || field.key;
  const problem = (key: string) => problems[`fields.custom.${i}.${key}`];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="custom-field">
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
              onClick={() => remove(i)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}

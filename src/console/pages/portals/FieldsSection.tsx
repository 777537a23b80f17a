import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldRequirements, type CustomField } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { Section } from '../account/Section.js';
import { CustomFieldCard } from './CustomFieldCard.js';
import { newField } from './draft.js';
import type { SectionProps } from './GeneralSection.js';

/** What the portal's form asks: the phone number's requirement and the custom fields. */
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
        {custom.map((_, i) => (
          <CustomFieldCard
            key={i}
            custom={custom}
            i={i}
            update={update}
            move={move}
            remove={(j) => setCustom(custom.filter((_, k) => k !== j))}
            editable={editable}
            problems={problems}
          />
        ))}
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

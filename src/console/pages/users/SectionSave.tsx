import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A section's own Save: each section of the user editor saves alone, without walking the others.
 * Nothing for someone who cannot change the section; disabled until something changed.
 */
export function SectionSave({ readOnly, dirty, loading }: { readOnly: boolean; dirty: boolean; loading?: boolean }) {
  const { t } = useTranslation();
  if (readOnly) return null;
  return (
    <Group justify="flex-end" mt="lg">
      <Button type="submit" disabled={!dirty} loading={loading}>
        {t('users.steps.save')}
      </Button>
    </Group>
  );
}

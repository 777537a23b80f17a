import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Back on the left (when there is a step before), the step's own buttons on the right. */
export function StepButtons({ onBack, children }: { onBack?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="lg">
      {onBack ? (
        <Button variant="default" onClick={onBack}>
          {t('users.steps.back')}
        </Button>
      ) : (
        <span />
      )}
      <Group gap="sm">{children}</Group>
    </Group>
  );
}

/** Moves on, saving first when the step changed something the actor may change. */
export function NextButton({
  readOnly,
  dirty,
  loading,
  last = false,
  onNext,
}: {
  readOnly: boolean;
  dirty: boolean;
  loading?: boolean;
  last?: boolean;
  onNext?: () => void;
}) {
  const { t } = useTranslation();
  if (readOnly || !dirty)
    return last ? (
      <Button component={Link} to="/users">
        {t('users.steps.done')}
      </Button>
    ) : (
      <Button onClick={onNext}>{t('users.steps.next')}</Button>
    );
  return (
    <Button type="submit" loading={loading}>
      {last ? t('users.steps.save') : t('users.steps.saveAndNext')}
    </Button>
  );
}

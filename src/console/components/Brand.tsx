import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
      <circle cx="12" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
      <circle cx="20" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
    </svg>
  );
}

export function Brand() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <BrandMark />
      <Text fw={700} fz="lg" lh={1}>
        {t('app.name')}
      </Text>
    </Group>
  );
}

import { Anchor, Card, Group, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** One number of the dashboard: its label, the value as a link to the list it counts, and a line under it. */
export function StatCard({
  label,
  value,
  to,
  icon: IconShown,
  color,
  hint,
  testId,
}: {
  label: string;
  value: string;
  to: string;
  icon: Icon;
  color?: string;
  hint?: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <ThemeIcon variant="light" color={color} radius="md" aria-hidden>
          <IconShown size={18} />
        </ThemeIcon>
      </Group>
      <Anchor
        component={Link}
        to={to}
        fz={32}
        fw={700}
        lh={1.2}
        mt={4}
        underline="hover"
        aria-label={t('dashboard.numberLabel', { label, value })}
        style={{ display: 'inline-block' }}
      >
        {value}
      </Anchor>
      {hint ? (
        <Text size="sm" c="dimmed" mt={4}>
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

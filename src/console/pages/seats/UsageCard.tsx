import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';

function colourOf(used: number, total: number): string {
  if (used >= total) return 'red';
  if (used / total >= 0.8) return 'yellow';
  return 'teal';
}

/** "3 / 5" with a bar: how much of one part of the licence is in use. */
export function UsageCard({
  name,
  help,
  used,
  total,
  footer,
  testId,
}: {
  name: string;
  help: string;
  used: number;
  total: number;
  footer?: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = total > 0 ? Math.min(100, (used / total) * 100) : used > 0 ? 100 : 0;
  const full = used >= total;
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{name}</Text>
          {full ? (
            <Badge color="red" variant="light" size="sm">
              {t('seats.full')}
            </Badge>
          ) : null}
        </Group>
        <Text fz={28} fw={700} lh={1.1} data-testid={`${testId}-usage`}>
          {t('seats.usage', { used: format.number(used), total: format.number(total) })}
        </Text>
        <Progress
          value={percent}
          color={colourOf(used, total)}
          size="lg"
          radius="xl"
          aria-label={t('seats.usageLabel', { name, used: format.number(used), total: format.number(total) })}
        />
        <Text size="sm" c="dimmed">
          {help}
        </Text>
        {footer}
      </Stack>
    </Paper>
  );
}

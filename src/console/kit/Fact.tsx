import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled fact of a detail page: a small uppercase label over its value (a dash when there is none). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children === '' || children === null || children === undefined ? '—' : children}
      </Text>
    </Stack>
  );
}

import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A titled block of the My account page. */
export function Section({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'lg' }} aria-labelledby={id}>
      <Stack gap="md">
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            gap: 'var(--mantine-spacing-md)',
            flexWrap: 'wrap',
            alignItems: 'flex-start',
          }}
        >
          <div>
            <Title order={2} fz="lg" id={id}>
              {title}
            </Title>
            {description ? (
              <Text size="sm" c="dimmed" mt={4}>
                {description}
              </Text>
            ) : null}
          </div>
          {actions}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

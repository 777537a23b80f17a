import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../lib/usePageTitle.js';
import { Brand } from './Brand.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The frame of the signed-out pages: brand, language switch, one centred card. */
export function AuthLayout({
  title,
  subtitle,
  children,
  size = 440,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  size?: number;
}) {
  usePageTitle(title);
  return (
    <Box mih="100dvh" bg="var(--mantine-color-body)" className="auth-backdrop">
      <Group justify="space-between" px="md" py="sm" component="header">
        <Brand />
        <LanguageSwitch />
      </Group>
      <Container size={size} py={{ base: 'md', sm: 48 }} component="main" id="main">
        <Stack gap={4} mb="lg" ta="center">
          <Title order={1} fz={28}>
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}

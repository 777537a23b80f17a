import { Box, Button } from '@mantine/core';
import { IconTerminal2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** The top bar's way to the saved scripts, for those who may control devices; its label shows on wide screens only. */
export function ScriptsLink() {
  const { t } = useTranslation();
  const active = useLocation().pathname.startsWith('/scripts');
  return (
    <Button
      component={Link}
      to="/scripts"
      variant={active ? 'light' : 'subtle'}
      leftSection={<IconTerminal2 size={18} aria-hidden />}
      aria-current={active ? 'page' : undefined}
      px={{ base: 8, sm: 'md' }}
      aria-label={t('scripts.title')}
    >
      <Box component="span" visibleFrom="xl">
        {t('scripts.title')}
      </Box>
    </Button>
  );
}

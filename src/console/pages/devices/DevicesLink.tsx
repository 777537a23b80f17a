import { Box, Button } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/**
 * The top bar's way to the inventory, for those who may read devices (and to the saved scripts, reached
 * from the Devices page); its label shows on wide screens only, so the account name keeps its room.
 */
export function DevicesLink() {
  const { t } = useTranslation();
  const location = useLocation();
  const active = ['/devices', '/scripts'].some((area) => location.pathname.startsWith(area));
  return (
    <Button
      component={Link}
      to="/devices"
      variant={active ? 'light' : 'subtle'}
      leftSection={<IconDeviceDesktop size={18} aria-hidden />}
      aria-current={active ? 'page' : undefined}
      px={{ base: 8, sm: 'md' }}
      aria-label={t('devices.title')}
    >
      <Box component="span" visibleFrom="xl">
        {t('devices.title')}
      </Box>
    </Button>
  );
}

import { Box, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../../../shared/contracts/me.js';
import { mayWorkIn, workspaceItems } from '../../navigation.js';

/** Top-bar links to the work areas the signed-in person may open (Support, Service Desk). */
export function WorkspaceLinks({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      {workspaceItems
        .filter((item) => mayWorkIn(me, item))
        .map((item) => {
          const Icon = item.icon;
          const active = location.pathname === item.path || location.pathname.startsWith(`${item.path}/`);
          return (
            <Button
              key={item.path}
              component={Link}
              to={item.path}
              variant={active ? 'light' : 'subtle'}
              leftSection={<Icon size={18} aria-hidden />}
              aria-current={active ? 'page' : undefined}
              aria-label={t(item.labelKey)}
              px={{ base: 8, sm: 'md' }}
            >
              <Box component="span" visibleFrom="md">
                {t(item.labelKey)}
              </Box>
            </Button>
          );
        })}
    </>
  );
}

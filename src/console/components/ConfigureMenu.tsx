import { Box, Button, Menu } from '@mantine/core';
import { IconChevronDown, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../../shared/contracts/me.js';
import { usePageName } from '../company-label/useCompanyLabel.js';
import { configureItems, configurePath, mayOpen } from '../navigation.js';

/** The top bar's Configure menu: the pages the signed-in person may open. */
export function ConfigureMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const pageName = usePageName();
  const location = useLocation();
  const items = configureItems.filter((item) => mayOpen(me, item));
  return (
    <Menu position="bottom-end" shadow="md" width={250} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          leftSection={<IconSettings size={18} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('nav.configure')}
          px={{ base: 8, md: 'md' }}
        >
          <Box component="span" visibleFrom="md">
            {t('nav.configure')}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component={Link}
          to={configurePath}
          aria-current={location.pathname === configurePath ? 'page' : undefined}
        >
          {t('dashboard.configure')}
        </Menu.Item>
        <Menu.Divider />
        {items.map((item) => {
          const Icon = item.icon;
          const active = location.pathname === item.path;
          return (
            <Menu.Item
              key={item.page}
              component={Link}
              to={item.path}
              leftSection={<Icon size={18} aria-hidden />}
              aria-current={active ? 'page' : undefined}
              fw={active ? 600 : undefined}
            >
              {pageName(item.page)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}

import { Tabs } from '@mantine/core';
import { IconBuilding, IconDeviceDesktop, IconKey, IconSettings, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { can, useSession } from '../../session/api.js';
import { CompanySettingsTab } from '../settings/CompanySettingsTab.js';
import { AccessTab } from './AccessTab.js';
import { DataKeyTab } from './DataKeyTab.js';
import { DetailsTab } from './DetailsTab.js';
import { InventoryTab } from './InventoryTab.js';

const companyTabs = ['details', 'access', 'data-key', 'inventory', 'settings'] as const;
type CompanyTab = (typeof companyTabs)[number];

/** The tab named by the address after the company's id ("" is details), or null for none of them. */
export function tabOf(splat: string | undefined): CompanyTab | null {
  const first = (splat ?? '').split('/')[0] ?? '';
  if (first === '') return 'details';
  return (companyTabs as readonly string[]).includes(first) ? (first as CompanyTab) : null;
}

/** The company's tabs, each at its own address; those the user may not see are not offered. */
export function CompanyTabs({ company: c, tab }: { company: CompanyDetail; tab: CompanyTab }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const path = (to: CompanyTab) => `/companies/${c.id}${to === 'details' ? '' : `/${to}`}`;
  return (
    <Tabs value={tab} onChange={(value) => value && void navigate(path(value as CompanyTab))} keepMounted={false}>
      <Tabs.List aria-label={t('companies.detail.tabs')} mb="lg">
        <Tabs.Tab value="details" leftSection={<IconBuilding size={16} aria-hidden />}>
          {t('companies.tabs.details')}
        </Tabs.Tab>
        {c.abilities.viewAccess ? (
          <Tabs.Tab value="access" leftSection={<IconUsers size={16} aria-hidden />}>
            {t('companies.tabs.access')}
          </Tabs.Tab>
        ) : null}
        {c.abilities.viewDataKey ? (
          <Tabs.Tab value="data-key" leftSection={<IconKey size={16} aria-hidden />}>
            {t('companies.tabs.dataKey')}
          </Tabs.Tab>
        ) : null}
        <Tabs.Tab value="inventory" leftSection={<IconDeviceDesktop size={16} aria-hidden />}>
          {t('companies.tabs.inventory')}
        </Tabs.Tab>
        {can(me, 'settings.read') ? (
          <Tabs.Tab value="settings" leftSection={<IconSettings size={16} aria-hidden />}>
            {t('settings.company.title')}
          </Tabs.Tab>
        ) : null}
      </Tabs.List>
      <Tabs.Panel value="details">
        <DetailsTab company={c} />
      </Tabs.Panel>
      <Tabs.Panel value="access">
        <AccessTab company={c} />
      </Tabs.Panel>
      <Tabs.Panel value="data-key">
        <DataKeyTab company={c} />
      </Tabs.Panel>
      <Tabs.Panel value="inventory">
        <InventoryTab company={c} />
      </Tabs.Panel>
      <Tabs.Panel value="settings">
        <CompanySettingsTab companyId={c.id} />
      </Tabs.Panel>
    </Tabs>
  );
}

import { Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconKey,
  IconBuilding,
  IconDeviceDesktop,
  IconSettings,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { companyDetailSchema } from '../../../shared/contracts/companies.js';
import { api, ApiError } from '../../api/client.js';
import { can, useSession } from '../../api/queries.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { makeFormatters, useFormat } from '../../lib/format.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { AccessTab } from './AccessTab.js';
import { companyKeys } from './api.js';
import { CompanyAvatar } from './CompanyAvatar.js';
import { DataKeyTab } from './DataKeyTab.js';
import { DeleteCompanyModal } from './DeleteCompanyModal.js';
import { DetailsTab } from './DetailsTab.js';
import { InventoryTab } from './InventoryTab.js';
import { CompanySettingsTab } from '../settings/CompanySettingsTab.js';

const tabs = ['details', 'access', 'data-key', 'inventory', 'settings'] as const;
type Tab = (typeof tabs)[number];

function tabOf(splat: string | undefined): Tab | null {
  const first = (splat ?? '').split('/')[0];
  if (first === '') return 'details';
  return (tabs as readonly string[]).includes(first) ? (first as Tab) : null;
}

export default function CompanyPage() {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const format = useFormat();
  const navigate = useNavigate();
  const { id = '', '*': splat } = useParams();
  const [deleting, setDeleting] = useState(false);
  const company = useQuery({
    queryKey: companyKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/companies/${encodeURIComponent(id)}`, { schema: companyDetailSchema, signal }),
    enabled: can(me, 'companies.read'),
  });
  usePageTitle(company.data ? `${company.data.name} · ${words.plural}` : words.plural);

  if (!can(me, 'companies.read')) return <ForbiddenPage title={words.plural} />;
  const tab = tabOf(splat);
  if (tab === null) return <NotFoundPage />;
  if (company.isPending) return <PageLoader />;
  if (company.isError) {
    if (company.error instanceof ApiError && (company.error.status === 404 || company.error.status === 400))
      return <NotFoundPage />;
    return <LoadError error={company.error} onRetry={() => void company.refetch()} />;
  }
  const c = company.data;
  const path = (to: Tab) => `/companies/${c.id}${to === 'details' ? '' : `/${to}`}`;

  return (
    <>
      <Anchor
        component={Link}
        to="/companies"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('companies.detail.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="wrap">
        <Group gap="md" wrap="nowrap" miw={0}>
          <CompanyAvatar company={c} size={56} labelled />
          <Stack gap={4} miw={0}>
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">
              {words.singular}
            </Text>
            <Title order={1} fz={{ base: 24, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color="gray">
                {t('companies.detail.users', { count: format.number(c.usersCount) })}
              </Badge>
              <Badge variant="light" color="gray">
                {t('companies.detail.devices', { count: format.number(c.devicesCount) })}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('companies.detail.createdOn', { date: makeFormatters(format.locale, c.timeZone).date(c.createdAt) })}
              </Text>
            </Group>
          </Stack>
        </Group>
        {c.abilities.delete ? (
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setDeleting(true)}
          >
            {t('companies.delete.button')}
          </Button>
        ) : null}
      </Group>

      <Tabs value={tab} onChange={(value) => value && void navigate(path(value as Tab))} keepMounted={false}>
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
      {c.abilities.delete ? (
        <DeleteCompanyModal company={c} opened={deleting} onClose={() => setDeleting(false)} />
      ) : null}
    </>
  );
}

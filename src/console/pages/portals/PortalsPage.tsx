import { Anchor, Badge, TextInput } from '@mantine/core';
import { IconExternalLink, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PortalSummary } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { DataTable, type DataColumn } from '../../kit/DataTable.js';
import { useListPage } from '../../kit/useListPage.js';
import { CompanyAvatar } from '../companies/CompanyAvatar.js';
import { PageGuard } from '../StatusPages.js';
import { fetchPortalPage, portalKeys } from './api.js';

function usePortalColumns(): DataColumn<PortalSummary>[] {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  return [
    {
      key: 'company',
      header: words.singular,
      cell: (portal) => (
        <Anchor
          component={Link}
          to={`/portals/${portal.companyId}`}
          display="inline-flex"
          style={{ alignItems: 'center', gap: 8 }}
        >
          <CompanyAvatar company={{ name: portal.companyName, color: portal.color, logo: null }} size={28} />
          {portal.companyName}
        </Anchor>
      ),
    },
    {
      key: 'state',
      header: t('portals.list.state'),
      width: 120,
      cell: (portal) => (
        <Badge variant="light" color={portal.enabled ? 'green' : 'gray'}>
          {portal.enabled ? t('portals.list.enabled') : t('portals.list.disabled')}
        </Badge>
      ),
    },
    {
      key: 'address',
      header: t('portals.list.address'),
      cell: (portal) => (
        <Anchor
          href={portal.path}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          display="inline-flex"
          style={{ alignItems: 'center', gap: 4 }}
          aria-label={t('portals.list.openPortal', { path: portal.path })}
        >
          {portal.path}
          <IconExternalLink size={14} aria-hidden />
        </Anchor>
      ),
    },
    {
      key: 'open',
      header: t('common.actions'),
      hiddenHeader: true,
      width: 140,
      cell: (portal) => (
        <Anchor
          component={Link}
          to={`/portals/${portal.companyId}`}
          size="sm"
          aria-label={`${t('portals.list.open')} — ${portal.companyName}`}
        >
          {t('portals.list.open')}
        </Anchor>
      ),
    },
  ];
}

/** Configure › Customer portals: one per company, enabled or not, with its address; each opens its configuration page. */
export default function PortalsPage() {
  const { t } = useTranslation();
  const columns = usePortalColumns();
  const list = useListPage({
    typed: ['q'],
    filters: (param) => param('q'),
    queryKey: portalKeys.list,
    fetchPage: fetchPortalPage,
  });
  return (
    <PageGuard page="portals">
      <PageHeader title={t('portals.title')} description={t('portals.description')} />
      <TextInput
        aria-label={t('portals.list.search')}
        placeholder={t('portals.list.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.text('q')}
        maxLength={limits.search}
        onChange={(e) => list.setText('q', e.currentTarget.value)}
        mb="md"
        maw={360}
      />
      <DataTable
        columns={columns}
        items={list.items}
        rowKey={(portal) => portal.companyId}
        query={list.query}
        empty={{ text: t('portals.list.empty') }}
        shownText={t('portals.list.shown', { count: list.items.length })}
      />
    </PageGuard>
  );
}

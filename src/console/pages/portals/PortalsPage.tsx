import { Anchor, Badge, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconExternalLink, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { CompanyAvatar } from '../companies/CompanyAvatar.js';
import { portalList } from './api.js';
import { PageGuard } from '../StatusPages.js';

/** Configure › Customer portals: one per company, enabled or not, with its address; each opens its configuration page. */
export default function PortalsPage() {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInfiniteQuery({
    queryKey: ['portals', 'list', q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get('/portals', { query: { q: q || undefined, cursor: pageParam }, schema: portalList, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PageGuard page="portals">
      <PageHeader title={t('portals.title')} description={t('portals.description')} />
      <TextInput
        aria-label={t('portals.list.search')}
        placeholder={t('portals.list.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        maxLength={limits.search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="md"
        maw={360}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{words.singular}</Table.Th>
                <Table.Th w={120}>{t('portals.list.state')}</Table.Th>
                <Table.Th>{t('portals.list.address')}</Table.Th>
                <Table.Th w={140}>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" size="sm">
                      {t('portals.list.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((portal) => (
                <Table.Tr key={portal.companyId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/portals/${portal.companyId}`}
                      display="inline-flex"
                      style={{ alignItems: 'center', gap: 8 }}
                    >
                      <CompanyAvatar
                        company={{ name: portal.companyName, color: portal.color, logo: null }}
                        size={28}
                      />
                      {portal.companyName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={portal.enabled ? 'green' : 'gray'}>
                      {portal.enabled ? t('portals.list.enabled') : t('portals.list.disabled')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/portals/${portal.companyId}`}
                      size="sm"
                      aria-label={`${t('portals.list.open')} — ${portal.companyName}`}
                    >
                      {t('portals.list.open')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ListFooter shownText={t('portals.list.shown', { count: items.length })} pages={list} />
        </Paper>
      )}
    </PageGuard>
  );
}

import { Anchor, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
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
import { companyList } from '../companies/api.js';
import { PageGuard } from '../StatusPages.js';

/** Configure › Customer portals: one per company; each opens its configuration page. */
export default function PortalsPage() {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInfiniteQuery({
    queryKey: ['companies', 'portals', q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.get('/companies', { query: { q: q || undefined, cursor: pageParam, sort: 'name', order: 'asc' }, schema: companyList, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PageGuard page="portals">
      <PageHeader title={t('portals.title')} description={t('portals.description')} />
      <TextInput aria-label={t('portals.list.search')} placeholder={t('portals.list.search')} leftSection={<IconSearch size={16} aria-hidden />} value={search} maxLength={limits.search} onChange={(e) => setSearch(e.currentTarget.value)} mb="md" maw={360} />
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
                <Table.Th w={140}>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text c="dimmed" size="sm">
                      {t('portals.list.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((company) => (
                <Table.Tr key={company.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/portals/${company.id}`} display="inline-flex" style={{ alignItems: 'center', gap: 8 }}>
                      <CompanyAvatar company={company} size={28} />
                      {company.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/portals/${company.id}`} size="sm" aria-label={`${t('portals.list.open')} — ${company.name}`}>
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

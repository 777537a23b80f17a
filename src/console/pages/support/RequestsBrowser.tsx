import { Grid, Paper, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { RequestView } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { RequestList } from './RequestList.js';

/**
 * The two-column browser the Support workspace and the Service Desk share: view tabs (kept in
 * `?view=`), a search, the list filtered by the company switcher, and the selected request's detail.
 */
export function RequestsBrowser<V extends RequestView>({
  views,
  viewLabel,
  basePath,
  detail,
}: {
  /** the views offered; the first is the default */
  views: readonly V[];
  viewLabel: (view: V) => string;
  basePath: string;
  detail: (id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const asked = params.get('view');
  const view = views.find((v) => v === asked) ?? views[0]!;
  const { companyId } = useCompanyFilter();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Tabs value={view} onChange={(v) => v && void navigate(`${basePath}${id ? `/${id}` : ''}?view=${v}`)} mb="sm">
          <Tabs.List aria-label={t('requests.viewsLabel')}>
            {views.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {viewLabel(v)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <TextInput
          aria-label={t('requests.search')}
          placeholder={t('requests.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          maxLength={limits.search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          mb="sm"
        />
        <RequestList view={view} companyId={companyId} q={q} selectedId={id} basePath={basePath} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {id ? (
          detail(id)
        ) : (
          <Paper withBorder radius="md" p="xl">
            <Text c="dimmed" ta="center">
              {t('requests.select')}
            </Text>
          </Paper>
        )}
      </Grid.Col>
    </Grid>
  );
}

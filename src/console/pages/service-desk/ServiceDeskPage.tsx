import { Grid, Paper, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { RequestView } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../api/queries.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ForbiddenPage } from '../StatusPages.js';
import { RequestList } from '../support/RequestList.js';
import { useRequestFeed } from '../support/useRequestFeed.js';
import { QuestionDetail } from './QuestionDetail.js';

const views = ['inbox', 'mine', 'completed'] as const satisfies readonly RequestView[];
type View = (typeof views)[number];

/**
 * The Service Desk inbox of offline questions (a Service Desk seat to work in it; viewers read).
 * The server decides what each person may see and do; the page shows its refusals plainly.
 */
export default function ServiceDeskPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const view: View = (views as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'inbox';
  const { companyId } = useCompanyFilter();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  useRequestFeed({ sound: false, basePath: '/service-desk' });
  if (!can(me, 'requests.read')) return <ForbiddenPage title={t('serviceDesk.title')} />;

  return (
    <>
      <PageHeader title={t('serviceDesk.title')} description={t('serviceDesk.description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Tabs value={view} onChange={(v) => v && void navigate(`/service-desk${id ? `/${id}` : ''}?view=${v}`)} mb="sm">
            <Tabs.List aria-label={t('requests.viewsLabel')}>
              {views.map((v) => (
                <Tabs.Tab key={v} value={v}>
                  {t(`serviceDesk.views.${v}`)}
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
          <RequestList view={view} companyId={companyId} q={q} selectedId={id} basePath="/service-desk" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {id ? (
            <QuestionDetail key={id} id={id} />
          ) : (
            <Paper withBorder radius="md" p="xl">
              <Text c="dimmed" ta="center">
                {t('requests.select')}
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}

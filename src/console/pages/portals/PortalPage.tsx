import { Anchor, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { can, useSession } from '../../session/api.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useCompany } from '../companies/api.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { fetchPortal, portalKeys } from './api.js';
import { PortalEditor } from './PortalEditor.js';

/** Configure › Customer portals › one company's portal. */
export default function PortalPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { companyId = '' } = useParams();
  const allowed = can(me, 'portals.read');
  const portal = useQuery({
    queryKey: portalKeys.portal(companyId),
    queryFn: ({ signal }) => fetchPortal(companyId, signal),
    enabled: allowed,
  });
  const company = useCompany(companyId, allowed);
  usePageTitle(company.data ? t('portals.page.heading', { company: company.data.name }) : t('portals.title'));
  if (!allowed) return <ForbiddenPage title={t('portals.title')} />;
  if (portal.isPending || company.isPending) return <PageLoader />;
  if (portal.isError || company.isError) {
    const error = portal.error ?? company.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
    return <LoadError error={error} onRetry={() => void portal.refetch()} />;
  }
  return (
    <>
      <Anchor
        component={Link}
        to="/portals"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('portals.page.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end" mb="lg">
        <div>
          <Title order={1} fz={{ base: 24, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
            {t('portals.page.heading', { company: company.data.name })}
          </Title>
          <Text c="dimmed" size="sm">
            {portal.data.path}
          </Text>
        </div>
      </Group>
      <PortalEditor key={portal.data.id} portal={portal.data} companyName={company.data.name} />
    </>
  );
}

import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { can, useSession } from '../../session/api.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { useCompany } from './api.js';
import { CompanyHeader } from './CompanyHeader.js';
import { CompanyTabs, tabOf } from './CompanyTabs.js';
import { DeleteCompanyModal } from './DeleteCompanyModal.js';

export default function CompanyPage() {
  const me = useSession();
  const words = useCompanyLabel();
  const { id = '', '*': splat } = useParams();
  const [deleting, setDeleting] = useState(false);
  const company = useCompany(id, can(me, 'companies.read'));
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
  return (
    <>
      <CompanyHeader company={c} onDelete={() => setDeleting(true)} />
      <CompanyTabs company={c} tab={tab} />
      {c.abilities.delete ? (
        <DeleteCompanyModal company={c} opened={deleting} onClose={() => setDeleting(false)} />
      ) : null}
    </>
  );
}

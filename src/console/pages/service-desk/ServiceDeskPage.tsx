import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../shared/contracts/support-requests.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ForbiddenPage } from '../StatusPages.js';
import { RequestsBrowser } from '../support/RequestsBrowser.js';
import { useRequestFeed } from '../support/useRequestFeed.js';
import { QuestionDetail } from './QuestionDetail.js';

const views = ['inbox', 'mine', 'completed'] as const satisfies readonly RequestView[];

/**
 * The Service Desk inbox of offline questions (a Service Desk seat to work in it; viewers read).
 * The server decides what each person may see and do; the page shows its refusals plainly.
 */
export default function ServiceDeskPage() {
  const { t } = useTranslation();
  const me = useSession();
  useRequestFeed({ sound: false, basePath: '/service-desk' });
  if (!can(me, 'requests.read')) return <ForbiddenPage title={t('serviceDesk.title')} />;

  return (
    <>
      <PageHeader title={t('serviceDesk.title')} description={t('serviceDesk.description')} />
      <RequestsBrowser
        views={views}
        viewLabel={(v) => t(`serviceDesk.views.${v}`)}
        basePath="/service-desk"
        detail={(id) => <QuestionDetail key={id} id={id} />}
      />
    </>
  );
}

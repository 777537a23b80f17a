import { Alert, Button } from '@mantine/core';
import { IconDownload, IconEye, IconFileImport, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { DataTable } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { PageGuard } from '../StatusPages.js';
import { userExportHref } from './api.js';
import { useUserColumns } from './columns.js';
import { ImportModal } from './ImportModal.js';
import { InviteModal } from './InviteModal.js';
import { UserFilters } from './UserFilters.js';
import { useUserList } from './useUserList.js';

function UsersList() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const { companyId: switcherCompany } = useCompanyFilter();
  const list = useUserList();
  const { filters, items, params, setParams } = list;
  const columns = useUserColumns();
  const manage = can(me, 'users.manage');
  // `/users?invite=1` (and `&companyId=` from a company's page) opens the invitation, prefilled
  const inviting = manage && params.get('invite') === '1';
  const inviteCompany = params.get('companyId');
  const [importing, setImporting] = useState(false);
  const filtered = Boolean(filters.q || filters.role || filters.status || filters.module || filters.hasSeat);

  const closeInvite = () => {
    const next = new URLSearchParams(params);
    next.delete('invite');
    next.delete('companyId');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={manage ? t('users.list.description') : t('users.list.descriptionReadOnly')}
        actions={
          <>
            <Button
              component="a"
              href={userExportHref(filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('users.list.export')}
            </Button>
            {manage ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={16} aria-hidden />}
                  onClick={() => setImporting(true)}
                >
                  {t('users.list.import')}
                </Button>
                <Button
                  leftSection={<IconUserPlus size={16} aria-hidden />}
                  onClick={() => list.setParam('invite', '1')}
                >
                  {t('users.list.invite')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {!manage ? (
        <Alert variant="light" color="gray" icon={<IconEye size={18} aria-hidden />} mb="md">
          {t('users.list.readOnly')}
        </Alert>
      ) : null}
      <UserFilters list={list} />
      <DataTable
        label={t('nav.users')}
        columns={columns}
        items={items}
        rowKey={(user) => user.id}
        rowProps={(user) => ({ 'data-user': user.email })}
        query={list.query}
        minWidth={820}
        empty={{
          icon: <IconUsers size={28} aria-hidden />,
          text: filtered || switcherCompany ? t('users.list.emptyFiltered') : t('users.list.empty'),
        }}
        shownText={t('users.list.shown', { shown: format.number(items.length) })}
      />
      {manage ? (
        <InviteModal key={inviteCompany ?? 'none'} opened={inviting} onClose={closeInvite} companyId={inviteCompany} />
      ) : null}
      {manage ? <ImportModal opened={importing} onClose={() => setImporting(false)} /> : null}
    </>
  );
}

export default function UsersPage() {
  return (
    <PageGuard page="users">
      <UsersList />
    </PageGuard>
  );
}

import { Alert, Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { IconBuildingSkyscraper, IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { DataTable, RowLink, type DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { ForbiddenPage } from '../StatusPages.js';
import { CompanyAvatar } from './CompanyAvatar.js';
import { CompanyLabelSection } from './CompanyLabelSection.js';
import { CreateCompanyModal } from './CreateCompanyModal.js';
import { sortChoices, useCompanyList } from './useCompanyList.js';

function useCompanyColumns(): DataColumn<Company>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const right = { textAlign: 'right' } as const;
  return [
    {
      key: 'name',
      header: t('companies.list.columns.name'),
      cell: (company) => (
        <Group gap="sm" wrap="nowrap">
          <CompanyAvatar company={company} />
          <RowLink to={`/companies/${company.id}`}>{company.name}</RowLink>
        </Group>
      ),
    },
    {
      key: 'users',
      header: <span style={{ display: 'block', ...right }}>{t('companies.list.columns.users')}</span>,
      style: right,
      cell: (company) => format.number(company.usersCount),
    },
    {
      key: 'devices',
      header: <span style={{ display: 'block', ...right }}>{t('companies.list.columns.devices')}</span>,
      style: right,
      cell: (company) => format.number(company.devicesCount),
    },
    { key: 'created', header: t('companies.list.columns.created'), cell: (company) => format.date(company.createdAt) },
  ];
}

export default function CompaniesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const [creating, setCreating] = useState(false);
  const list = useCompanyList(can(me, 'companies.read'));
  const columns = useCompanyColumns();
  if (!can(me, 'companies.read')) return <ForbiddenPage title={words.plural} />;
  const mayCreate = can(me, 'companies.create');
  const q = list.filters.q;

  return (
    <>
      <PageHeader
        title={words.plural}
        description={t('companies.list.description', labelOptions(words))}
        actions={
          mayCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('companies.list.new', labelOptions(words))}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        {!mayCreate ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
            {t('companies.list.readOnly')}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Group gap="md" align="flex-end" wrap="wrap">
              <TextInput
                label={t('companies.list.search')}
                type="search"
                leftSection={<IconSearch size={16} aria-hidden />}
                value={list.text('q')}
                maxLength={limits.search}
                onChange={(event) => list.setText('q', event.currentTarget.value)}
                style={{ flex: '1 1 240px' }}
              />
              <Select
                label={t('companies.list.sort')}
                data={sortChoices.map((c) => ({ value: c, label: t(`companies.list.sorts.${c}`) }))}
                value={list.sortChoice}
                allowDeselect={false}
                onChange={(value) => list.setParam('sort', value === 'nameAsc' ? null : value)}
                w={{ base: '100%', sm: 320 }}
              />
            </Group>
            <DataTable
              variant="inset"
              label={words.plural}
              columns={columns}
              items={list.items}
              rowKey={(company) => company.id}
              query={list.query}
              minWidth={560}
              empty={{
                icon: <IconBuildingSkyscraper size={20} aria-hidden />,
                text: q ? t('companies.list.emptySearch', { q }) : t('companies.list.empty', labelOptions(words)),
              }}
            />
          </Stack>
        </Paper>
        {can(me, 'account.update') ? <CompanyLabelSection /> : null}
      </Stack>
      {mayCreate && creating ? <CreateCompanyModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

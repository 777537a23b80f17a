import { Button } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../../session/api.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DataTable } from '../../kit/DataTable.js';
import { filterParams, useListPage } from '../../kit/useListPage.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { auditExportHref, auditKeys, fetchAuditPage } from './api.js';
import { AuditFilters } from './AuditFilters.js';
import { DetailsRow, useAuditColumns } from './columns.js';
import { apiQuery, filterNames, readFilters, type Filters } from './filters.js';

function AuditLog() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const list = useListPage({
    filters: (param) => apiQuery(readFilters(param), format.timeZone),
    queryKey: auditKeys.list,
    fetchPage: fetchAuditPage,
  });
  const { items } = list;
  const filters = readFilters(list.param);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = useAuditColumns(expanded, toggle);
  const ownOnly = !can(me, 'audit.read');

  const apply = (values: Filters) => {
    setExpanded(new Set());
    list.setParams(filterParams(filterNames, values), { replace: true });
  };
  const hasFilters = filterNames.some((name) => filters[name]);

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        description={ownOnly ? t('audit.descriptionOwn') : t('audit.description')}
        actions={
          can(me, 'audit.export') ? (
            <Button
              component="a"
              href={auditExportHref(list.filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('audit.export')}
            </Button>
          ) : null
        }
      />
      <AuditFilters filters={filters} apply={apply} />
      <DataTable
        label={t('nav.audit')}
        columns={columns}
        items={items}
        rowKey={(event) => event.id}
        rowProps={(event) => ({ className: expanded.has(event.id) ? 'row-expanded' : undefined })}
        after={(event) => <DetailsRow event={event} expanded={expanded.has(event.id)} />}
        query={list.query}
        minWidth={760}
        verticalSpacing="xs"
        empty={{
          icon: <IconHistory size={28} aria-hidden />,
          text: hasFilters ? t('audit.emptyFiltered') : t('audit.empty'),
        }}
        shownText={t('audit.shown', { shown: format.number(items.length) })}
        endText={t('audit.end')}
      />
    </>
  );
}

export default function AuditPage() {
  return (
    <PageGuard page="audit">
      <AuditLog />
    </PageGuard>
  );
}

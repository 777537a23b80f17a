import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOptions, useCompanyLabel } from '../company-label/useCompanyLabel.js';
import { companyChoicesStaleTime, useCompanyDetail, useCompanyOptions } from './api.js';
import { useCompanyFilter } from './useCompanyFilter.js';

const allValue = '__all__';

/** The server already searched: show its answer as is. */
const keepAll: OptionsFilter = ({ options }) => options;

/**
 * The top bar's company switcher: "All companies" or one of the companies the user can see.
 * The choice is remembered for the user and read by every list through useCompanyFilter().
 */
export function CompanySwitcher() {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const { companyId, setCompanyId } = useCompanyFilter();
  // null until typed in: the box then shows the chosen company's name, as it is drawn by the server
  // too (the select's own effect that puts the name there does not run on the server)
  const [search, setSearch] = useState<string | null>(null);
  const [debounced] = useDebouncedValue((search ?? '').trim(), 250);

  const first = useCompanyOptions('', { staleTime: companyChoicesStaleTime });
  // beyond one page of companies, typing searches on the server
  const serverSearch = first.data?.nextCursor != null;
  const inFirst = companyId ? first.data?.items.find((c) => c.id === companyId) : undefined;
  const selected = useCompanyDetail(companyId, first.isSuccess && !inFirst);
  const selectedName = inFirst?.name ?? selected.data?.name;
  const searching = serverSearch && debounced !== '' && debounced !== selectedName;
  const found = useCompanyOptions(debounced, { enabled: searching, staleTime: 30_000 });

  const allLabel = t('companySwitcher.all', labelOptions(words));
  const data = useMemo(() => {
    const items = (searching ? found.data?.items : first.data?.items) ?? [];
    const options: ComboboxItem[] = [
      { value: allValue, label: allLabel },
      ...items.map((c) => ({ value: c.id, label: c.name })),
    ];
    if (companyId && selectedName && !options.some((o) => o.value === companyId))
      options.push({ value: companyId, label: selectedName });
    return options;
  }, [searching, found.data, first.data, allLabel, companyId, selectedName]);

  const value = companyId && (selectedName || !first.isSuccess) ? companyId : allValue;
  return (
    <Select
      aria-label={t('companySwitcher.label', labelOptions(words))}
      data={data}
      value={value}
      onChange={(chosen) => {
        if (chosen) setCompanyId(chosen === allValue ? null : chosen);
      }}
      allowDeselect={false}
      searchable
      searchValue={search ?? (value === allValue ? allLabel : (selectedName ?? ''))}
      onSearchChange={setSearch}
      filter={serverSearch ? keepAll : undefined}
      nothingFoundMessage={t('common.nothingFound')}
      leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
      maxDropdownHeight={320}
      w={{ base: 150, lg: 220 }}
      size="sm"
      comboboxProps={{ withinPortal: true, width: 280, position: 'bottom-start' }}
      data-testid="company-switcher"
    />
  );
}

import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyOptions } from './api.js';

const keepAll: OptionsFilter = ({ options }) => options;

/** Picks another company (searching on the server), e.g. where to move devices. */
export function CompanyTargetSelect({
  label,
  excludeId,
  value,
  onChange,
  error,
}: {
  label: string;
  excludeId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<ComboboxItem | null>(null);
  const q = chosen && debounced === chosen.label ? '' : debounced;
  const options = useCompanyOptions(q, { staleTime: 30_000 });
  const data: ComboboxItem[] = (options.data?.items ?? [])
    .filter((c) => c.id !== excludeId)
    .map((c) => ({ value: c.id, label: c.name }));
  if (chosen && value === chosen.value && !data.some((d) => d.value === chosen.value)) data.push(chosen);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(option ?? null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepAll}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      required
    />
  );
}

import { MultiSelect, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '../../../shared/contracts/contacts.js';
import { useContactSearch } from './api.js';

const keepAll: OptionsFilter = ({ options }) => options;
const shownPerSearch = 50;

/** A contact as a picker shows it: the name, and the first e-mail address when there is one. */
export interface ChosenContact {
  id: string;
  label: string;
}

export function contactLabel(c: Pick<ContactSummary, 'name' | 'methods'>): string {
  const email = c.methods.find((m) => m.type === 'email');
  return email ? `${c.name} — ${email.value}` : c.name;
}

/**
 * Chooses recipient contacts, searching the server as the user types (name, e-mail address or
 * number), so every contact can be found however many there are; the ones already chosen stay
 * shown with their names.
 */
export function ContactPicker({
  label,
  description,
  value,
  onChange,
  error,
  maxValues,
  required,
}: {
  label: string;
  description?: string;
  value: ChosenContact[];
  onChange: (chosen: ChosenContact[]) => void;
  error?: React.ReactNode;
  maxValues?: number;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useContactSearch(debounced, shownPerSearch);
  const data: ComboboxItem[] = value.map((c) => ({ value: c.id, label: c.label }));
  for (const c of found.data?.items ?? [])
    if (!value.some((v) => v.id === c.id)) data.push({ value: c.id, label: contactLabel(c) });
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value.map((c) => c.id)}
      onChange={(ids) => onChange(ids.map((id) => ({ id, label: data.find((d) => d.value === id)?.label ?? id })))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={keepAll}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('common.nothingFound')}
      maxValues={maxValues}
      error={error}
      required={required}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

import { Button, Group, Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, fetchCompanyUsers, grantAccess, refreshCompanies } from './api.js';

const keepAll: OptionsFilter = ({ options }) => options;

/** Finds a user who does not reach the company yet, and gives them access. */
export function GrantAccess({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [choice, setChoice] = useState<ComboboxItem | null>(null);
  const q = choice && search === choice.label ? '' : debounced;
  const candidates = useQuery({
    queryKey: companyKeys.users(company.id, 'candidates', q),
    queryFn: ({ signal }) => fetchCompanyUsers(company.id, { scope: 'candidates', limit: 50, q }, signal),
  });
  const data: ComboboxItem[] = (candidates.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} <${u.email}>`,
  }));
  if (choice && !data.some((d) => d.value === choice.value)) data.push(choice);
  const grant = useMutation({
    mutationFn: (userId: string) => grantAccess(company.id, userId),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: t('companies.access.grantedNotice', { name: choice?.label.replace(/ <.*>$/, '') ?? '' }),
      });
      setChoice(null);
      setSearch('');
      refreshCompanies(queryClient);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const none = candidates.isSuccess && !q && data.length === 0;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) grant.mutate(choice.value);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('companies.access.grantLabel')}
          placeholder={none ? t('companies.access.noCandidates') : t('companies.access.grantPlaceholder')}
          data={data}
          value={choice?.value ?? null}
          onChange={(_value, option) => setChoice(option ?? null)}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={keepAll}
          disabled={none}
          maxLength={limits.search}
          nothingFoundMessage={t('common.nothingFound')}
          style={{ flex: '1 1 280px' }}
        />
        <Button
          type="submit"
          leftSection={<IconUserPlus size={16} aria-hidden />}
          disabled={!choice}
          loading={grant.isPending}
        >
          {t('companies.access.grant')}
        </Button>
      </Group>
    </form>
  );
}

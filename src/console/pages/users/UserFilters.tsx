import { Badge, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { roles } from '../../../shared/permissions.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { oneOf } from '../../kit/useListPage.js';
import { useCompanyChoices } from './api.js';
import { seatChoices, sortChoices, userStatuses, type UserList } from './useUserList.js';

/** Search, role, status, seat and sort of the users list; the switcher's company, when one is chosen. */
export function UserFilters({ list }: { list: UserList }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const { companyId: switcherCompany } = useCompanyFilter();
  const { param, setParam, text, setText } = list;
  const anyOr = (name: string) => (value: string | null) => setParam(name, value === 'any' ? null : value);
  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('users.list.filters')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <TextInput
          label={t('users.list.search')}
          placeholder={t('users.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text('q')}
          onChange={(e) => setText('q', e.currentTarget.value)}
          maxLength={limits.search}
          type="search"
        />
        <Select
          label={t('users.fields.role')}
          data={[
            { value: 'any', label: t('users.list.anyRole') },
            ...roles.map((r) => ({ value: r, label: t(`roles.${r}`) })),
          ]}
          value={param('role') || 'any'}
          onChange={anyOr('role')}
          allowDeselect={false}
        />
        <Select
          label={t('users.fields.status')}
          data={[
            { value: 'any', label: t('users.list.anyStatus') },
            ...userStatuses.map((s) => ({ value: s, label: t(`users.status.${s}`) })),
          ]}
          value={param('status') || 'any'}
          onChange={anyOr('status')}
          allowDeselect={false}
        />
        <Select
          label={t('users.list.seat')}
          data={seatChoices.map((c) => ({ value: c, label: t(`users.list.seats.${c}`) }))}
          value={oneOf(seatChoices, param('seat'), 'any')}
          onChange={anyOr('seat')}
          allowDeselect={false}
        />
        <Select
          label={t('users.list.sort')}
          data={sortChoices.map((c) => ({
            value: c,
            label: t(`users.list.sorts.${c.replace(':', '_') as 'name_asc'}`),
          }))}
          value={oneOf(sortChoices, param('sort'), 'name:asc')}
          onChange={(value) => setParam('sort', value === 'name:asc' ? null : value)}
          allowDeselect={false}
        />
      </SimpleGrid>
      {switcherCompany ? (
        <Group mt="sm" gap="xs">
          <Badge variant="light">
            {t('users.list.companyFiltered', {
              ...labelOptions(words),
              company: companies.nameOf(switcherCompany) ?? '…',
            })}
          </Badge>
        </Group>
      ) : null}
    </Paper>
  );
}

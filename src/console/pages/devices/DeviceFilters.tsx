import { Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { devicePlatforms, deviceStatuses } from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useCompanyChoices } from '../users/api.js';
import { sortChoices, type DeviceList } from './useDeviceList.js';

/** Search, company, status, platform, tag and sort of the inventory list. */
export function DeviceFilters({ list }: { list: DeviceList }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const { param, setParam, text, setText, filters } = list;
  const anyOr = (name: string) => (value: string | null) => setParam(name, value === 'any' ? null : value);
  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('devices.list.filters')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
        <TextInput
          label={t('devices.list.search')}
          placeholder={t('devices.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text('q')}
          onChange={(e) => setText('q', e.currentTarget.value)}
          maxLength={limits.search}
          type="search"
        />
        <Select
          label={words.singular}
          data={[{ value: 'any', label: t('devices.list.anyCompany', labelOptions(words)) }, ...companies.options]}
          value={filters.companyId ?? 'any'}
          onChange={anyOr('companyId')}
          allowDeselect={false}
          searchable
        />
        <Select
          label={t('devices.columns.status')}
          data={[
            { value: 'any', label: t('devices.list.anyStatus') },
            ...deviceStatuses.map((s) => ({ value: s, label: t(`devices.status.${s}`) })),
          ]}
          value={param('status') || 'any'}
          onChange={anyOr('status')}
          allowDeselect={false}
        />
        <Select
          label={t('devices.columns.os')}
          data={[
            { value: 'any', label: t('devices.list.anyPlatform') },
            ...devicePlatforms.map((p) => ({ value: p, label: t(`devices.platforms.${p}`) })),
          ]}
          value={param('platform') || 'any'}
          onChange={anyOr('platform')}
          allowDeselect={false}
        />
        <TextInput
          label={t('devices.columns.tags')}
          value={text('tag')}
          onChange={(e) => setText('tag', e.currentTarget.value)}
          maxLength={limits.deviceTag}
        />
        <Select
          label={t('devices.list.sort')}
          data={sortChoices.map((c) => ({
            value: c,
            label: t(`devices.list.sorts.${c.replace(':', '_') as 'name_asc'}`),
          }))}
          value={`${filters.sort}:${filters.order}`}
          onChange={(value) => setParam('sort', value === 'name:asc' ? null : value)}
          allowDeselect={false}
        />
      </SimpleGrid>
    </Paper>
  );
}

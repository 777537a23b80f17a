import { devicePlatforms, deviceSorts, deviceStatuses } from '../../../shared/contracts/devices.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { oneOf, useListPage } from '../../kit/useListPage.js';
import { deviceKeys, fetchDevicePage, type DeviceListFilters } from './api.js';

export const sortChoices = deviceSorts.flatMap((sort) => [`${sort}:asc`, `${sort}:desc`] as const);

/** The inventory list: its filters in the address (the company switcher's company unless one is chosen here). */
export function useDeviceList() {
  const { listQuery } = useCompanyFilter();
  return useListPage({
    typed: ['q', 'tag'],
    filters: (param): DeviceListFilters => {
      const [sort, order] = oneOf(sortChoices, param('sort'), 'name:asc').split(':') as [
        DeviceListFilters['sort'],
        DeviceListFilters['order'],
      ];
      return {
        q: param('q') || undefined,
        companyId: param('companyId') || listQuery.companyId || undefined,
        status: oneOf(deviceStatuses, param('status')),
        platform: oneOf(devicePlatforms, param('platform')),
        tag: param('tag') || undefined,
        sort,
        order,
      };
    },
    queryKey: deviceKeys.list,
    fetchPage: fetchDevicePage,
  });
}

export type DeviceList = ReturnType<typeof useDeviceList>;

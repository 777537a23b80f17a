import { oneOf, useListPage } from '../../kit/useListPage.js';
import { companyKeys, fetchCompanyPage, type ListParams } from './api.js';
import type { CompanySort } from '../../../shared/contracts/companies.js';

export const sortChoices = [
  'nameAsc',
  'nameDesc',
  'createdDesc',
  'createdAsc',
  'usersDesc',
  'usersAsc',
  'devicesDesc',
  'devicesAsc',
] as const;
type SortChoice = (typeof sortChoices)[number];
const sortOf: Record<SortChoice, { sort: CompanySort; order: 'asc' | 'desc' }> = {
  nameAsc: { sort: 'name', order: 'asc' },
  nameDesc: { sort: 'name', order: 'desc' },
  createdDesc: { sort: 'createdAt', order: 'desc' },
  createdAsc: { sort: 'createdAt', order: 'asc' },
  usersDesc: { sort: 'usersCount', order: 'desc' },
  usersAsc: { sort: 'usersCount', order: 'asc' },
  devicesDesc: { sort: 'devicesCount', order: 'desc' },
  devicesAsc: { sort: 'devicesCount', order: 'asc' },
};

/** The companies list: search and sort in the address. */
export function useCompanyList(enabled: boolean) {
  const list = useListPage({
    typed: ['q'],
    filters: (param): ListParams => ({ q: param('q'), ...sortOf[oneOf(sortChoices, param('sort'), 'nameAsc')] }),
    queryKey: companyKeys.list,
    fetchPage: fetchCompanyPage,
    enabled,
  });
  return { ...list, sortChoice: oneOf(sortChoices, list.param('sort'), 'nameAsc') };
}

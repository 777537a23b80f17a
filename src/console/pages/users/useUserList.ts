import { userSorts } from '../../../shared/contracts/users.js';
import { modules } from '../../../shared/licence.js';
import { roles } from '../../../shared/permissions.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { oneOf, useListPage } from '../../kit/useListPage.js';
import { fetchUserPage, userKeys, type ListFilters } from './api.js';

export const userStatuses = ['invited', 'active', 'disabled'] as const;
/** One select for seats: any, a module's holders, or nobody holding one. */
export const seatChoices = ['any', ...modules, 'none'] as const;
type SeatChoice = (typeof seatChoices)[number];
export const sortChoices = userSorts.flatMap((sort) => [`${sort}:asc`, `${sort}:desc`] as const);

function seatQuery(choice: SeatChoice): Pick<ListFilters, 'module' | 'hasSeat'> {
  if (choice === 'none') return { hasSeat: 'false' };
  if (choice === 'any') return {};
  return { module: choice };
}

/**
 * The users list: search, role, status, seat and sort in the address, narrowed by the company
 * switcher. Other parameters of the address (`invite`, `companyId` of an invitation) are not filters.
 */
export function useUserList() {
  const { listQuery } = useCompanyFilter();
  return useListPage({
    typed: ['q'],
    filters: (param): ListFilters => {
      const [sort, order] = oneOf(sortChoices, param('sort'), 'name:asc').split(':') as [
        ListFilters['sort'],
        ListFilters['order'],
      ];
      return {
        q: param('q') || undefined,
        role: oneOf(roles, param('role')),
        status: oneOf(userStatuses, param('status')),
        ...seatQuery(oneOf(seatChoices, param('seat'), 'any')),
        ...listQuery,
        sort,
        order,
      };
    },
    queryKey: userKeys.list,
    fetchPage: fetchUserPage,
  });
}

export type UserList = ReturnType<typeof useUserList>;

import { useQuery } from '@tanstack/react-query';
import { companyDetailSchema, companyFilterSchema } from '../../shared/contracts/companies.js';
import { api } from '../api/client.js';
import { companyKeys, companyList } from '../pages/companies/api.js';

export const companyFilterKey = ['company-filter'] as const;

/** The company the signed-in person chose to see (null: all of theirs), remembered on the server. */
export function useStoredCompanyFilter() {
  return useQuery({
    queryKey: companyFilterKey,
    queryFn: ({ signal }) => api.get('/me/company-filter', { schema: companyFilterSchema, signal }),
    staleTime: 5 * 60_000,
  });
}

export const saveCompanyFilter = (companyId: string | null) =>
  api.put('/me/company-filter', { companyId }, { schema: companyFilterSchema });

const pageSize = 100;

/** One page of the companies the person can see, by name, narrowed by `q` on the server. */
export function useCompanyOptions(q: string, options: { enabled?: boolean; staleTime: number }) {
  return useQuery({
    queryKey: companyKeys.options(q),
    queryFn: ({ signal }) =>
      api.get('/companies', { query: { sort: 'name', limit: pageSize, q }, schema: companyList, signal }),
    ...options,
  });
}

/** One company, for the name of a choice beyond the first page. */
export function useCompanyName(companyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: companyKeys.detail(companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`/companies/${encodeURIComponent(companyId!)}`, { schema: companyDetailSchema, signal }),
    enabled: Boolean(companyId) && enabled,
  });
}

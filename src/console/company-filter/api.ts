import { queryOptions, useQuery } from '@tanstack/react-query';
import { listResponse } from '../../shared/contracts/common.js';
import {
  companyChoiceSchema,
  companyDetailSchema,
  companyFilterSchema,
  companySchema,
} from '../../shared/contracts/companies.js';
import { limits } from '../../shared/limits.js';
import { api } from '../api/client.js';

export const companyFilterKey = ['company-filter'] as const;

/**
 * The keys of the companies' data this switcher reads. The companies pages build theirs on these,
 * so a change made there refreshes the switcher too (one cache, one direction of imports).
 */
export const companiesKey = ['companies'] as const;
export const companyOptionsKey = (q: string) => [...companiesKey, 'options', q] as const;
export const companyDetailKey = (id: string) => [...companiesKey, 'detail', id] as const;

export const companyList = listResponse(companySchema);
const companyChoices = listResponse(companyChoiceSchema);

/**
 * The company the signed-in person chose to see (null: all of theirs), remembered on the server.
 * Asked at start-up beside the session check (first-page.ts), where a 401 is the session check's to handle.
 */
export const companyFilterQuery = (options: { skipAuthRedirect?: boolean } = {}) =>
  queryOptions({
    queryKey: companyFilterKey,
    queryFn: ({ signal }) => api.get('/me/company-filter', { schema: companyFilterSchema, signal, ...options }),
    staleTime: 5 * 60_000,
  });

export function useStoredCompanyFilter() {
  return useQuery(companyFilterQuery());
}

export const saveCompanyFilter = (companyId: string | null) =>
  api.put('/me/company-filter', { companyId }, { schema: companyFilterSchema });

/**
 * One page of the companies the person can see as choices (names and colours, none of the counts
 * the companies page shows), by name, narrowed by `q` on the server. The first
 * page (`q` empty) is also every page's list of company choices (useCompanyChoices): one request
 * for the switcher and the page's filters, so it is as long as the server allows.
 */
export const companyOptionsQuery = (q: string, options: { skipAuthRedirect?: boolean } = {}) =>
  queryOptions({
    queryKey: companyOptionsKey(q),
    queryFn: ({ signal }) =>
      api.get('/companies/choices', {
        query: { limit: limits.pageSizeMax, q },
        schema: companyChoices,
        signal,
        ...options,
      }),
  });

/** How long the first page of choices (`q` empty) is kept before it is asked for again. */
export const companyChoicesStaleTime = 60_000;

export function useCompanyOptions(q: string, options: { enabled?: boolean; staleTime: number }) {
  return useQuery({ ...companyOptionsQuery(q), ...options });
}

/** One company (its page, or the name of a choice beyond the first page). */
export function useCompanyDetail(companyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: companyDetailKey(companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`/companies/${encodeURIComponent(companyId ?? '')}`, { schema: companyDetailSchema, signal }),
    enabled: Boolean(companyId) && enabled,
  });
}

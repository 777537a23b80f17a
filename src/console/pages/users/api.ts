import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { listResponse } from '../../../shared/contracts/common.js';
import { companySchema } from '../../../shared/contracts/companies.js';
import { managedUserSchema, type UserFilter } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';

export const userList = listResponse(managedUserSchema);
const companyOptionsList = listResponse(companySchema);

export type ListFilters = Partial<Omit<UserFilter, 'hasSeat'>> & { hasSeat?: 'true' | 'false'; companyId?: string };

export const userKeys = {
  all: ['users'] as const,
  list: (filters: ListFilters) => ['users', 'list', filters] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  companies: ['users', 'companies'] as const,
};

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/users/${encodeURIComponent(id)}`, { schema: managedUserSchema, signal }),
  });
}

/** After any change to users: lists and details may all have moved (and seats with them). */
export function refreshUsers(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: userKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['seats'] });
  void queryClient.invalidateQueries({ queryKey: ['companies'] });
}

/** The companies the signed-in person can see, by name, for choices and labels. */
export function useCompanyChoices() {
  const query = useQuery({
    queryKey: userKeys.companies,
    queryFn: ({ signal }) =>
      api.get('/companies', { query: { sort: 'name', limit: limits.pageSizeMax }, schema: companyOptionsList, signal }),
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  return {
    query,
    options: items.map((c) => ({ value: c.id, label: c.name })),
    nameOf: (id: string) => items.find((c) => c.id === id)?.name,
  };
}

/** The server's refusals in the UI language: the last-administrator rule and duplicate e-mails have their own words. */
export function userErrorText(t: TFunction, error: unknown, locale: string): string {
  if (error instanceof ApiError && error.code === 'conflict') {
    const details = error.details as { reason?: string } | { path?: string }[] | undefined;
    if (details && !Array.isArray(details) && details.reason === 'last_administrator')
      return t('users.errors.lastAdministrator');
    if (details && !Array.isArray(details) && details.reason === 'not_invited') return t('users.errors.notInvited');
    if (Array.isArray(details) && details.some((d) => typeof d.path === 'string' && d.path.endsWith('email')))
      return t('users.errors.emailTaken');
    return currentLanguage() === 'en' ? error.message : errorText(t, error, locale);
  }
  return errorText(t, error, locale);
}

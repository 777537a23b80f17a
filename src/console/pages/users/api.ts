import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  acceptInvitationBody,
  acceptInvitationResponse,
  csvImportResponse,
  invitationSchema,
  inviteBatchBody,
  inviteBatchResponse,
  managedUserSchema,
  type InviteUserBody,
  type UpdateUserBody,
  type UserFilter,
} from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { api, apiBase, ApiError, queryString } from '../../api/client.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../company-filter/api.js';
import { errorText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';

export const userList = listResponse(managedUserSchema);

export type ListFilters = Partial<Omit<UserFilter, 'hasSeat'>> & { hasSeat?: 'true' | 'false'; companyId?: string };

export const userKeys = {
  all: ['users'] as const,
  list: (filters: ListFilters) => ['users', 'list', filters] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

/** One page of the users list. */
export function fetchUserPage(filters: ListFilters, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/users', {
    query: { ...filters, limit: limits.pageSizeDefault, cursor },
    schema: userList,
    signal,
  });
}

/** The CSV download of a filtered list. */
export const userExportHref = (filters: ListFilters) => `${apiBase}/users/export.csv${queryString({ ...filters })}`;

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get(userPath(id), { schema: managedUserSchema, signal }),
  });
}

export const updateUser = (id: string, patch: UpdateUserBody) =>
  api.patch(userPath(id), patch, { schema: managedUserSchema });

/** What an administrator may do to a user from the list or their page. */
export type UserAction = 'resend' | 'revoke' | 'passwordReset' | 'disable' | 'enable' | 'delete';

export async function runUserAction(id: string, action: UserAction): Promise<void> {
  if (action === 'resend') await api.post(`${userPath(id)}/invitation`, undefined, { schema: managedUserSchema });
  else if (action === 'revoke') await api.delete(`${userPath(id)}/invitation`);
  else if (action === 'passwordReset') await api.post(`${userPath(id)}/password-reset`);
  else if (action === 'delete') await api.delete(userPath(id));
  else await api.post(`${userPath(id)}/${action}`, undefined, { schema: managedUserSchema });
}

/** Invites one person. */
export const inviteUser = (body: InviteUserBody) => api.post('/users', body, { schema: managedUserSchema });

/** Invites several people with one role and one company access. */
export const inviteUsers = (body: z.input<typeof inviteBatchBody>) =>
  api.post('/users/batch', body, { schema: inviteBatchResponse });

/** A CSV file of people to invite: checked only (dry run), or imported. */
export const importUsers = (csv: string, dryRun: boolean) =>
  api.post('/users/import', { csv, dryRun }, { schema: csvImportResponse });

/** The invitation behind a link (public: no sign-in asked). */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      api.get(`/invitations/${encodeURIComponent(token)}`, {
        schema: invitationSchema,
        signal,
        skipAuthRedirect: true,
      }),
    retry: false,
    staleTime: Infinity,
  });
}

/** The invited person chooses their password; the answer opens their session. */
export const acceptInvitation = (token: string, body: z.input<typeof acceptInvitationBody>) =>
  api.post(`/invitations/${encodeURIComponent(token)}/accept`, body, {
    schema: acceptInvitationResponse,
    skipAuthRedirect: true,
  });

/** After any change to users: lists and details may all have moved (and seats with them). */
export function refreshUsers(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: userKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['seats'] });
  void queryClient.invalidateQueries({ queryKey: ['companies'] });
}

/** The companies the signed-in person can see, by name, for choices and labels. */
export function useCompanyChoices() {
  // the company switcher's own query: the shell and the page share one request
  const query = useCompanyOptions('', { staleTime: companyChoicesStaleTime });
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

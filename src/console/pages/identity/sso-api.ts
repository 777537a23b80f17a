import { useQuery, type QueryClient } from '@tanstack/react-query';
import {
  breakGlassListResponse,
  ssoProviderListResponse,
  ssoProviderSchema,
  ssoTestResponse,
  type CreateSsoProviderBody,
  type UpdateSsoProviderBody,
} from '../../../shared/contracts/sso.js';
import { api } from '../../api/client.js';

const keys = { all: ['sso-providers'] as const };

/** The account's sign-in providers and its own sign-in address. */
export function useSsoProviders() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) => api.get('/sso-providers', { schema: ssoProviderListResponse, signal }),
  });
}

export const refreshSsoProviders = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: keys.all });

export const createSsoProvider = (body: CreateSsoProviderBody) =>
  api.post('/sso-providers', body, { schema: ssoProviderSchema });

export const updateSsoProvider = (id: string, body: UpdateSsoProviderBody) =>
  api.patch(`/sso-providers/${encodeURIComponent(id)}`, body, { schema: ssoProviderSchema });

export const deleteSsoProvider = (id: string) => api.delete(`/sso-providers/${encodeURIComponent(id)}`);

export const testSsoProvider = (id: string) =>
  api.post(`/sso-providers/${encodeURIComponent(id)}/test`, {}, { schema: ssoTestResponse });

const breakGlassKey = ['sso-break-glass'] as const;

/** The administrators and their break-glass marks, and whether single sign-on only is on. */
export function useBreakGlass() {
  return useQuery({
    queryKey: breakGlassKey,
    queryFn: ({ signal }) => api.get('/sso-break-glass', { schema: breakGlassListResponse, signal }),
  });
}

export const setBreakGlass = (id: string, breakGlass: boolean) =>
  api.put(`/sso-break-glass/${encodeURIComponent(id)}`, { breakGlass });

export const refreshBreakGlass = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: breakGlassKey });

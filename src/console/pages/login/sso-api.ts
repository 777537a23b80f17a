import { useQuery } from '@tanstack/react-query';
import { ssoAccountProvidersResponse, ssoDiscoverResponse } from '../../../shared/contracts/sso.js';
import { api, apiBase } from '../../api/client.js';

/** The enabled providers an e-mail's domain leads to (asked only for what looks like an address). */
export function useProvidersForEmail(email: string) {
  const domain = /^[^\s@]+@([^\s@]+\.[^\s@]{2,})$/.exec(email.trim())?.[1]?.toLowerCase() ?? '';
  return useQuery({
    queryKey: ['sso-discover', domain],
    // only the domain is sent: the answer is the same for every address of it
    queryFn: ({ signal }) =>
      api.post('/auth/sso/discover', { email: `someone@${domain}` }, { schema: ssoDiscoverResponse, signal }),
    enabled: domain !== '',
    staleTime: 60_000,
  });
}

/** An account's own sign-in page (`/login?account=<id>`): its name and providers. */
export function useAccountProviders(accountId: string | null) {
  return useQuery({
    queryKey: ['sso-account', accountId],
    queryFn: ({ signal }) =>
      api.get(`/auth/sso/accounts/${encodeURIComponent(accountId ?? '')}`, {
        schema: ssoAccountProvidersResponse,
        signal,
      }),
    enabled: accountId !== null && /^[0-9a-f-]{36}$/i.test(accountId),
    retry: false,
  });
}

/** Where a "Sign in with …" button sends the browser (a full page load: the provider's own page). */
export const startUrl = (providerId: string) => `${apiBase}/auth/sso/providers/${encodeURIComponent(providerId)}/start`;

import { useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { loginResponse } from '../../shared/contracts/auth.js';
import { meResponse, type Me } from '../../shared/contracts/me.js';
import { setupStatusResponse } from '../../shared/contracts/setup.js';
import { userSchema } from '../../shared/contracts/users.js';
import type { Permission } from '../../shared/permissions.js';
import { api, ApiError, setCsrfToken } from './client.js';

export const queryKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  apiTokens: ['api-tokens'] as const,
  audit: (filters: object) => ['audit-events', filters] as const,
};

/** The signed-in person, or null when no one is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get('/me', { schema: meResponse, skipAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in person inside the authenticated part of the console (guarded by RequireAuth). */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession used outside of a signed-in area');
  return data;
}

export function can(me: Me, ...anyOf: Permission[]): boolean {
  return anyOf.some((permission) => me.abilities[permission] === true);
}

export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: () => api.get('/setup', { schema: setupStatusResponse, skipAuthRedirect: true }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export const signedInResponse = z.object({ user: userSchema, csrfToken: z.string() });
export { loginResponse };

/** After sign-in or setup: keep the CSRF token and load the full session. */
export async function startSession(queryClient: QueryClient, csrfToken: string): Promise<Me | null> {
  setCsrfToken(csrfToken);
  queryClient.setQueryData(queryKeys.setup, { required: false });
  return queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
}

/** Forget everything about the session that ended. */
export function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
  queryClient.setQueryData(queryKeys.me, null);
}

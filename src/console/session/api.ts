import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { loginResponse, signedInResponse } from '../../shared/contracts/auth.js';
import type { z } from 'zod';
import { meResponse, type Me, type updateMeBody } from '../../shared/contracts/me.js';
import { setupStatusResponse } from '../../shared/contracts/setup.js';
import type { Permission } from '../../shared/permissions.js';
import { api, ApiError, setCsrfToken } from '../api/client.js';

/** Who is signed in, whether setup is still open, and the calls that start and end a session. */
export const sessionKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
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

/** The session check: asked at start-up (first-page.ts) and read by whatever needs the person. */
export const meQuery = queryOptions({ queryKey: sessionKeys.me, queryFn: fetchMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQuery);
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
    queryKey: sessionKeys.setup,
    queryFn: () => api.get('/setup', { schema: setupStatusResponse, skipAuthRedirect: true }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Changes the signed-in person's own profile (name, language, time zone); answers the new session. */
export const updateMe = (changes: z.input<typeof updateMeBody>) => api.patch('/me', changes, { schema: meResponse });

export interface Credentials {
  email: string;
  password: string;
  accountId?: string;
}

/** The password step: signed in, a second factor to ask, or a choice between accounts. */
export const signIn = (values: Credentials) =>
  api.post(
    '/auth/login',
    { email: values.email.trim(), password: values.password, accountId: values.accountId },
    { schema: loginResponse, skipAuthRedirect: true },
  );

/** The second step: a code of the authenticator app or a recovery code. */
export const verifySecondFactor = (code: string) =>
  api.post('/auth/login/totp', { code }, { schema: signedInResponse, skipAuthRedirect: true });

export const signOut = () => api.post<void>('/auth/logout', undefined, { skipAuthRedirect: true });

export interface SetupValues {
  token: string;
  accountName: string;
  name: string;
  email: string;
  password: string;
}

/** The first run: creates the account and its first administrator, signed in. */
export const runSetup = (values: SetupValues) =>
  api.post(
    '/setup',
    {
      token: values.token.trim(),
      accountName: values.accountName.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
    },
    { schema: signedInResponse, skipAuthRedirect: true },
  );

/** After sign-in or setup: keep the CSRF token and load the full session. */
export async function startSession(queryClient: QueryClient, csrfToken: string): Promise<Me | null> {
  setCsrfToken(csrfToken);
  queryClient.setQueryData(sessionKeys.setup, { required: false });
  return queryClient.fetchQuery({ queryKey: sessionKeys.me, queryFn: fetchMe, staleTime: 0 });
}

/** The second step of a sign-in is asked with the pending sign-in's CSRF token. */
export const awaitSecondFactor = (csrfToken: string) => setCsrfToken(csrfToken);

/** Forget everything about the session that ended. */
export function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.setup[0] });
  queryClient.setQueryData(sessionKeys.me, null);
}

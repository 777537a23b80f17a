import { useQuery } from '@tanstack/react-query';
import { passwordResetLinkSchema } from '../../../shared/contracts/password-reset.js';
import { api } from '../../api/client.js';

/** "Forgot password?": the same answer whether or not the address is known. */
export const requestPasswordReset = (email: string) =>
  api.post<null>('/password-resets', { email }, { skipAuthRedirect: true });

export function usePasswordResetLink(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: ({ signal }) =>
      api.get(`/password-resets/${encodeURIComponent(token)}`, {
        schema: passwordResetLinkSchema,
        signal,
        skipAuthRedirect: true,
      }),
    retry: false,
    staleTime: Infinity,
  });
}

export const completePasswordReset = (token: string, password: string) =>
  api.post<void>(`/password-resets/${encodeURIComponent(token)}`, { password }, { skipAuthRedirect: true });

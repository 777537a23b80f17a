import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiTokenSchema, createdApiTokenSchema, type ApiToken } from '../../../shared/contracts/api-tokens.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { enrolmentSchema, recoveryCodesSchema, twoFactorStatusSchema } from '../../../shared/contracts/two-factor.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

/** My account: the password, the second factor and personal API tokens (the profile is the session's, `updateMe`). */
export const accountKeys = {
  apiTokens: ['api-tokens'] as const,
  twoFactor: ['two-factor'] as const,
};

export const changePassword = (values: { currentPassword: string; newPassword: string }) =>
  api.post<void>('/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: accountKeys.twoFactor,
    queryFn: ({ signal }) => api.get('/me/two-factor', { schema: twoFactorStatusSchema, signal }),
  });
}

/** Starts an enrolment (the password asked again): the QR code and the key to type. */
export const startTwoFactor = (password: string) =>
  api.post('/me/two-factor', { password }, { schema: enrolmentSchema });

/** The first code of the app turns two-factor sign-in on; answers the recovery codes. */
export const confirmTwoFactor = (code: string) =>
  api.post('/me/two-factor/confirm', { code }, { schema: recoveryCodesSchema });

export const disableTwoFactor = (password: string) => api.delete('/me/two-factor', { body: { password } });

export const regenerateRecoveryCodes = (password: string) =>
  api.post('/me/two-factor/recovery-codes', { password }, { schema: recoveryCodesSchema });

const tokenList = listResponse(apiTokenSchema);
export type CreatedToken = ApiToken & { token: string };

export function useApiTokens() {
  return useInfiniteQuery({
    queryKey: accountKeys.apiTokens,
    queryFn: ({ pageParam, signal }) =>
      api.get('/api-tokens', {
        query: { limit: limits.pageSizeDefault, cursor: pageParam },
        schema: tokenList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const createApiToken = (values: { name: string; expiresAt: string | null }) =>
  api.post('/api-tokens', values, { schema: createdApiTokenSchema });

export const revokeApiToken = (id: string) => api.delete(`/api-tokens/${encodeURIComponent(id)}`);

import { useQuery } from '@tanstack/react-query';
import {
  createdScimTokenSchema,
  scimTokenListSchema,
  type CreatedScimToken,
} from '../../../shared/contracts/scim-tokens.js';
import { api } from '../../api/client.js';

/** The SCIM tab: the account's SCIM tokens and the base URL an identity provider is given. */
export const scimKeys = { tokens: ['scim-tokens'] as const };

export type { CreatedScimToken };

export function useScimTokens() {
  return useQuery({
    queryKey: scimKeys.tokens,
    queryFn: ({ signal }) => api.get('/scim-tokens', { schema: scimTokenListSchema, signal }),
  });
}

export const createScimToken = (values: { name: string }) =>
  api.post('/scim-tokens', values, { schema: createdScimTokenSchema });

export const revokeScimToken = (id: string) => api.delete(`/scim-tokens/${encodeURIComponent(id)}`);

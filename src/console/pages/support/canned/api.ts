import { useQuery, type QueryClient } from '@tanstack/react-query';
import {
  cannedReplyListResponse,
  cannedReplySchema,
  customerNamePlaceholder,
  type CreateCannedReply,
} from '../../../../shared/contracts/canned-replies.js';
import { api } from '../../../api/client.js';

const cannedKeys = {
  all: ['canned-replies'] as const,
  list: (requestId: string | null) => ['canned-replies', requestId ?? 'all'] as const,
};

/** The replies usable in one chat (the account's, its company's, mine), or every one I can see. */
export function useCannedReplies(requestId: string | null) {
  return useQuery({
    queryKey: cannedKeys.list(requestId),
    queryFn: ({ signal }) =>
      api.get('/canned-replies', {
        query: { requestId: requestId ?? undefined },
        schema: cannedReplyListResponse,
        signal,
      }),
    staleTime: 60_000,
  });
}

export const createCannedReply = (body: CreateCannedReply) =>
  api.post('/canned-replies', body, { schema: cannedReplySchema });

export const updateCannedReply = (id: string, body: { title: string; shortcut: string; body: string }) =>
  api.patch(`/canned-replies/${encodeURIComponent(id)}`, body, { schema: cannedReplySchema });

export const deleteCannedReply = (id: string) => api.delete(`/canned-replies/${encodeURIComponent(id)}`);

export const refreshCannedReplies = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: cannedKeys.all });

/** A reply's text as it goes into the message box: the customer's name for its placeholder (plain text, never markup). */
export const fillReply = (body: string, customerName: string) => body.split(customerNamePlaceholder).join(customerName);

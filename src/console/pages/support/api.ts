import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  chatMessageSchema,
  messagesResponse,
  presenceListResponse,
  presenceSchema,
  supportRequestDetailSchema,
  supportRequestSchema,
  type CloseOutcome,
  type PresenceStatus,
  type RequestView,
} from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

export const requestList = listResponse(supportRequestSchema);

export const requestKeys = {
  all: ['support-requests'] as const,
  list: (view: RequestView, companyId: string | null, q: string) =>
    ['support-requests', 'list', view, companyId, q] as const,
  detail: (id: string) => ['support-requests', 'detail', id] as const,
  messages: (id: string) => ['support-requests', 'messages', id] as const,
  presence: ['presence', 'me'] as const,
  candidates: (companyId: string) => ['presence', 'company', companyId] as const,
};

/** One view of the requests, page by page, narrowed by the company switcher. */
export function useRequestList(view: RequestView, companyId: string | null, q: string) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(view, companyId, q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get('/support-requests', {
        query: { view, companyId, q: q || undefined, cursor: pageParam, limit: limits.pageSizeDefault },
        schema: requestList,
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const fetchDetail = (id: string, signal?: AbortSignal) =>
  api.get(`/support-requests/${encodeURIComponent(id)}`, { schema: supportRequestDetailSchema, signal });

/** Every message of a request after `afterSeq`, following pages until the last. */
export async function fetchMessages(id: string, afterSeq = 0, signal?: AbortSignal) {
  const items = [];
  let after = afterSeq;
  for (;;) {
    const page = await api.get(`/support-requests/${encodeURIComponent(id)}/messages`, {
      query: { afterSeq: after, limit: limits.transcriptPageMax },
      schema: messagesResponse,
      signal,
    });
    items.push(...page.items);
    const last = page.items.at(-1)?.seq ?? after;
    if (page.items.length === 0 || last >= page.lastSeq) return { items, lastSeq: page.lastSeq };
    after = last;
  }
}

export const fetchPresence = () => api.get('/me/presence', { schema: presenceSchema });
export const fetchCandidates = (companyId: string) =>
  api.get('/presence', { query: { companyId }, schema: presenceListResponse });

/** The request as the server has it now. */
export function useRequestDetailQuery(id: string) {
  return useQuery({ queryKey: requestKeys.detail(id), queryFn: ({ signal }) => fetchDetail(id, signal) });
}

/** The signed-in technician's status and capacity, asked again every minute. */
export function usePresence() {
  return useQuery({ queryKey: requestKeys.presence, queryFn: fetchPresence, refetchInterval: 60_000 });
}

export const savePresence = (patch: { status?: PresenceStatus; capacity?: number }) =>
  api.put('/me/presence', patch, { schema: presenceSchema });

/** The technicians of a company (who could take a transfer), asked while `enabled`. */
export function useTransferCandidates(companyId: string, enabled: boolean) {
  return useQuery({ queryKey: requestKeys.candidates(companyId), queryFn: () => fetchCandidates(companyId), enabled });
}

const path = (id: string) => `/support-requests/${encodeURIComponent(id)}`;

export const acceptRequest = (id: string) =>
  api.post(`${path(id)}/accept`, undefined, { schema: supportRequestDetailSchema });

export const transferRequest = (id: string, userId: string | null) =>
  api.post(`${path(id)}/transfer`, { userId }, { schema: supportRequestDetailSchema });

export const closeRequest = (id: string, values: { outcome: CloseOutcome; notes: string }) =>
  api.post(`${path(id)}/close`, values, { schema: supportRequestDetailSchema });

/** A technician's chat message, idempotent by its client id: sent again, it is stored once. */
export const postChatMessage = (id: string, clientId: string, body: string) =>
  api.post(`${path(id)}/messages`, { clientId, body }, { schema: chatMessageSchema });

/** After any change to requests: lists, details and the transcript may all have moved. */
export function refreshRequests(queryClient: QueryClient, id?: string) {
  void queryClient.invalidateQueries({ queryKey: ['support-requests', 'list'] });
  if (id) void queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) });
}

/**
 * The technician side has read a request: its unread badge goes in every list at once (the
 * server was told on the live socket; the next fetch of a list agrees).
 */
export function markSeenInLists(queryClient: QueryClient, id: string) {
  queryClient.setQueriesData<InfiniteData<{ items: { id: string; unread: number }[] }>>(
    { queryKey: ['support-requests', 'list'] },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => (item.id === id && item.unread > 0 ? { ...item, unread: 0 } : item)),
        })),
      },
  );
}

import { useQuery, type QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import { outboxMessage, outboxMessageSummary } from '../../../shared/contracts/outbox.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

const outboxList = listResponse(outboxMessageSummary);

export interface OutboxFilters {
  status?: string;
  channel?: string;
  recipient?: string;
}

export const outboxKeys = {
  all: ['outbox'] as const,
  list: (filters: OutboxFilters) => ['outbox', 'list', filters] as const,
  message: (id: string) => ['outbox', id] as const,
};

export function fetchOutboxPage(filters: OutboxFilters, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/outbox', {
    query: { ...filters, limit: limits.pageSizeDefault, cursor },
    schema: outboxList,
    signal,
  });
}

export function useOutboxMessage(id: string) {
  return useQuery({
    queryKey: outboxKeys.message(id),
    queryFn: ({ signal }) => api.get(`/outbox/${id}`, { schema: outboxMessage, signal }),
  });
}

/** "Retry now": the message is due again at once. */
export function retryMessage(id: string) {
  return api.post(`/outbox/${id}/retry`, undefined, { schema: outboxMessageSummary });
}

export function refreshOutbox(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: outboxKeys.all });
}

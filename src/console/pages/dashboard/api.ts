import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dashboardResponse } from '../../../shared/contracts/dashboard.js';
import { api } from '../../api/client.js';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  of: (companyId: string | null) => ['dashboard', companyId ?? 'all'] as const,
};

/**
 * The operations dashboard for the company switcher's choice (null: all of the user's companies).
 * Live events refetch it (`useDashboardLive`); what no event announces (presence, alerts) is read
 * again every minute.
 */
export function useDashboard(companyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.of(companyId),
    queryFn: ({ signal }) => api.get('/dashboard', { schema: dashboardResponse, signal, query: { companyId } }),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

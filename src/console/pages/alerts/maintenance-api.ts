import type { QueryClient } from '@tanstack/react-query';
import { maintenanceWindowList, maintenanceWindowSchema } from '../../../shared/contracts/maintenance.js';
import { api } from '../../api/client.js';

export const maintenanceKeys = {
  all: ['maintenance-windows'] as const,
  list: (companyId: string | null, when: string) => ['maintenance-windows', 'list', companyId, when] as const,
};

export function refreshMaintenance(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: maintenanceKeys.all });
}

export const fetchMaintenanceWindows = (companyId: string | null, when: 'current' | 'ended', signal: AbortSignal) =>
  api.get('/maintenance-windows', {
    query: { ...(companyId ? { companyId } : {}), when },
    schema: maintenanceWindowList,
    signal,
  });

/** Creates a window, or changes the one given by id. */
export const saveMaintenanceWindow = (id: string | null, body: object) =>
  id
    ? api.patch(`/maintenance-windows/${id}`, body, { schema: maintenanceWindowSchema })
    : api.post('/maintenance-windows', body, { schema: maintenanceWindowSchema });

export const deleteMaintenanceWindow = (id: string) => api.delete(`/maintenance-windows/${id}`);

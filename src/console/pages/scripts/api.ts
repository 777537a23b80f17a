import { useQuery, type QueryClient } from '@tanstack/react-query';
import {
  scriptListResponse,
  scriptResultListResponse,
  scriptRunSchema,
  scriptSchema,
  type CreateScript,
  type ScriptResultStatus,
  type ScriptShell,
} from '../../../shared/contracts/device-scripts.js';
import { api } from '../../api/client.js';

const scriptKeys = {
  all: ['scripts'] as const,
  run: (id: string) => ['script-runs', id] as const,
  results: (id: string, status: string) => ['script-runs', id, 'results', status] as const,
};

/** The saved scripts I may run: the account's and my companies'. */
export function useScripts(enabled = true) {
  return useQuery({
    queryKey: scriptKeys.all,
    queryFn: ({ signal }) => api.get('/scripts', { schema: scriptListResponse, signal }),
    staleTime: 30_000,
    enabled,
  });
}

export const createScript = (body: CreateScript) => api.post('/scripts', body, { schema: scriptSchema });

export const updateScript = (
  id: string,
  body: { name: string; shell: ScriptShell; body: string; timeoutSeconds: number },
) => api.patch(`/scripts/${encodeURIComponent(id)}`, body, { schema: scriptSchema });

export const deleteScript = (id: string) => api.delete(`/scripts/${encodeURIComponent(id)}`);

export const refreshScripts = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: scriptKeys.all });

export const runScript = (scriptId: string, deviceIds: string[]) =>
  api.post(`/scripts/${encodeURIComponent(scriptId)}/runs`, { deviceIds }, { schema: scriptRunSchema });

export function useScriptRun(id: string) {
  return useQuery({
    queryKey: scriptKeys.run(id),
    queryFn: ({ signal }) => api.get(`/script-runs/${encodeURIComponent(id)}`, { schema: scriptRunSchema, signal }),
  });
}

/** A run's results, the first 200 by device name (of one status if chosen). */
export function useScriptResults(id: string, status: ScriptResultStatus | '') {
  return useQuery({
    queryKey: scriptKeys.results(id, status),
    queryFn: ({ signal }) =>
      api.get(`/script-runs/${encodeURIComponent(id)}/results`, {
        query: { status: status || undefined, limit: 200 },
        schema: scriptResultListResponse,
        signal,
      }),
  });
}

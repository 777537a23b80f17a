import type { QueryClient } from '@tanstack/react-query';
import { alertRuleSchema, alertTestResult } from '../../../shared/contracts/alerts.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

const ruleList = listResponse(alertRuleSchema);

export const alertKeys = {
  all: ['alert-rules'] as const,
  list: () => ['alert-rules', 'list'] as const,
};

export function refreshAlertRules(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: alertKeys.all });
}

export const fetchRulePage = (cursor: string | undefined, signal: AbortSignal) =>
  api.get('/alert-rules', { query: { limit: limits.pageSizeDefault, cursor }, schema: ruleList, signal });

/** Creates a rule, or changes the one given by id (also just `{ enabled }`). */
export const saveRule = (id: string | null, body: object) =>
  id
    ? api.patch(`/alert-rules/${id}`, body, { schema: alertRuleSchema })
    : api.post('/alert-rules', body, { schema: alertRuleSchema });

export const deleteRule = (id: string) => api.delete(`/alert-rules/${id}`);

/** Sends the rule's test message to its recipients; answers how many messages were written. */
export const testRule = (id: string) => api.post(`/alert-rules/${id}/test`, undefined, { schema: alertTestResult });

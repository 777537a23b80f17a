import { useQuery, type QueryClient } from '@tanstack/react-query';
import {
  groupDecisionSchema,
  groupRuleListResponse,
  groupRuleSchema,
  type CreateGroupRule,
  type UpdateGroupRule,
} from '../../../../shared/contracts/group-rules.js';
import { api } from '../../../api/client.js';

const groupRuleKeys = { all: ['group-rules'] as const };

export function useGroupRules() {
  return useQuery({
    queryKey: groupRuleKeys.all,
    queryFn: ({ signal }) => api.get('/group-rules', { schema: groupRuleListResponse, signal }),
  });
}

export const createGroupRule = (body: CreateGroupRule) => api.post('/group-rules', body, { schema: groupRuleSchema });

export const updateGroupRule = (id: string, body: UpdateGroupRule) =>
  api.patch(`/group-rules/${encodeURIComponent(id)}`, body, { schema: groupRuleSchema });

export const deleteGroupRule = (id: string) => api.delete(`/group-rules/${encodeURIComponent(id)}`);

export const previewGroups = (groups: string[]) =>
  api.post('/group-rules/preview', { groups }, { schema: groupDecisionSchema });

export const refreshGroupRules = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: groupRuleKeys.all });

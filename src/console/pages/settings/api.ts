import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { auditEventSchema } from '../../../shared/contracts/audit.js';
import { accountSettingsResponse, companySettingsResponse } from '../../../shared/contracts/settings.js';
import { api } from '../../api/client.js';

export const settingKeys = {
  account: ['settings', 'account'] as const,
  company: (companyId: string) => ['settings', 'company', companyId] as const,
  history: (key: string, companyId: string | null) => ['settings', 'history', key, companyId] as const,
};

/** Account values and locks: a value `null` goes back to the default. */
export type SettingsPatch = { values?: Record<string, unknown>; locks?: Record<string, boolean> };

export function useAccountSettings() {
  return useQuery({
    queryKey: settingKeys.account,
    queryFn: ({ signal }) => api.get('/settings', { schema: accountSettingsResponse, signal }),
  });
}

export const updateAccountSettings = (patch: SettingsPatch) =>
  api.patch('/settings', patch, { schema: accountSettingsResponse });

export function useCompanySettings(companyId: string) {
  return useQuery({
    queryKey: settingKeys.company(companyId),
    queryFn: ({ signal }) => api.get(`/companies/${companyId}/settings`, { schema: companySettingsResponse, signal }),
  });
}

/** A company's override of one setting; `null` inherits again. */
export const updateCompanySetting = (companyId: string, key: string, value: unknown) =>
  api.patch(`/companies/${companyId}/settings`, { values: { [key]: value } }, { schema: companySettingsResponse });

const history = z.object({ items: z.array(auditEventSchema) });

/** The changes of one setting, read from the audit log when asked for. */
export function useSettingHistory(key: string, companyId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: settingKeys.history(key, companyId ?? null),
    queryFn: ({ signal }) => api.get('/settings/history', { query: { key, companyId }, schema: history, signal }),
    enabled,
  });
}

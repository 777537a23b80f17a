import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyFilter } from '../../shared/contracts/companies.js';
import { errorText } from '../api/errors.js';
import { useFormat } from '../lib/format.js';
import { companyFilterKey, saveCompanyFilter, useStoredCompanyFilter } from './api.js';

export { companyFilterKey };

export interface CompanyFilterState {
  /** the company the console shows, or null for all of the user's companies */
  companyId: string | null;
  /** remembers the choice for the user (on the server); the console follows at once */
  setCompanyId: (companyId: string | null) => void;
  /** true until the remembered choice is known */
  isPending: boolean;
  /** query parameters for a list endpoint: `{ companyId }` when one company is chosen */
  listQuery: { companyId?: string };
}

/**
 * The company switcher's choice, shared by every page: lists of users, devices and the like
 * pass `listQuery` to their API call (and put `companyId` in their query keys).
 * The Companies page itself ignores it.
 */
export function useCompanyFilter(): CompanyFilterState {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const query = useStoredCompanyFilter();
  const save = useMutation({
    mutationFn: saveCompanyFilter,
    onMutate: async (companyId) => {
      await queryClient.cancelQueries({ queryKey: companyFilterKey });
      const previous = queryClient.getQueryData<CompanyFilter>(companyFilterKey);
      queryClient.setQueryData<CompanyFilter>(companyFilterKey, { companyId });
      return { previous };
    },
    onError: (error, _companyId, context) => {
      queryClient.setQueryData(companyFilterKey, context?.previous ?? { companyId: null });
      notifications.show({
        color: 'red',
        title: t('companySwitcher.saveFailed'),
        message: errorText(t, error, locale),
      });
    },
    onSuccess: (saved) => queryClient.setQueryData(companyFilterKey, saved),
  });
  const { mutate } = save;
  const setCompanyId = useCallback((companyId: string | null) => mutate(companyId), [mutate]);
  const companyId = query.data?.companyId ?? null;
  return { companyId, setCompanyId, isPending: query.isPending, listQuery: companyId ? { companyId } : {} };
}

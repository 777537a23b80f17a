import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ManagedUser, UpdateUserBody } from '../../../shared/contracts/users.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { ApiError } from '../../api/client.js';
import { fieldProblemText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { sessionKeys, useSession } from '../../session/api.js';
import { refreshUsers, updateUser, userErrorText, userKeys } from './api.js';

/** Saves one section's changes alone; puts field problems on the form, others above it. */
export function useSaveUser(
  user: ManagedUser,
  setProblems: (p: string[]) => void,
  setFieldError?: (field: string, message: string) => void,
) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateUserBody) => updateUser(user.id, patch),
    onSuccess: (saved, patch) => {
      queryClient.setQueryData(userKeys.detail(user.id), saved);
      refreshUsers(queryClient);
      if (saved.id === me.user.id) void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
      const told = (patch.role !== undefined || patch.companyIds !== undefined) && saved.status === 'active';
      notifications.show({
        color: 'teal',
        message: told ? t('users.steps.savedAndTold', { name: saved.name }) : t('users.steps.saved'),
      });
      setProblems([]);
    },
    onError: (error) => {
      if (error instanceof ApiError && Array.isArray(error.details) && setFieldError) {
        const rest: string[] = [];
        for (const d of error.details as FieldProblem[]) {
          const field = d.path.split('.')[0] ?? '';
          const text =
            error.code === 'conflict' && field === 'email'
              ? t('users.errors.emailTaken')
              : fieldProblemText(t, d, currentLanguage());
          if (['name', 'email', 'language', 'timeZone', 'companyIds'].includes(field)) setFieldError(field, text);
          else rest.push(text);
        }
        setProblems(rest);
        return;
      }
      setProblems([userErrorText(t, error, locale)]);
    },
  });
}

import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { refreshContacts } from './api.js';

/** A change to a contact's methods: the contact refreshed after it, a failure said in a notification unless `onFailure` says it. */
export function useMethodMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  onDone?: (result: Result) => void,
  onFailure?: (error: Error) => void,
) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      onDone?.(result);
      refreshContacts(queryClient);
    },
    onError: (error) => {
      if (onFailure) {
        onFailure(error);
        refreshContacts(queryClient);
      } else notifications.show({ color: 'red', message: errorText(t, error, locale) });
    },
  });
}

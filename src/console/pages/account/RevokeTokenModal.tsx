import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../kit/ConfirmModal.js';
import type { ApiToken } from '../../../shared/contracts/api-tokens.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { accountKeys, revokeApiToken } from './api.js';

/** Asks before a token stops working. */
export function RevokeTokenModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.apiTokens });
      notifications.show({ color: 'teal', message: t('account.tokens.revoked', { name: token?.name ?? '' }) });
      onClose();
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: t('account.tokens.revokeFailed'),
        message: errorText(t, error, locale),
      });
    },
  });
  return (
    <ConfirmModal
      opened={token !== null}
      title={t('account.tokens.revokeTitle')}
      message={token ? t('account.tokens.revokeMessage', { name: token.name }) : ''}
      confirmLabel={t('account.tokens.revoke')}
      pending={revoke.isPending}
      onConfirm={() => token && revoke.mutate(token.id)}
      onClose={onClose}
    />
  );
}

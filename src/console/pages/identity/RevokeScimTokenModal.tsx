import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../kit/ConfirmModal.js';
import type { ScimToken } from '../../../shared/contracts/scim-tokens.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { revokeScimToken, scimKeys } from './scim-api.js';

/** Asks before a SCIM token stops working (provisioning with it stops at once). */
export function RevokeScimTokenModal({ token, onClose }: { token: ScimToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeScimToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: scimKeys.tokens });
      notifications.show({ color: 'teal', message: t('scim.tokens.revoked', { name: token?.name ?? '' }) });
      onClose();
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: t('scim.tokens.revokeFailed'), message: errorText(t, error, locale) });
    },
  });
  return (
    <ConfirmModal
      opened={token !== null}
      title={t('scim.tokens.revokeTitle')}
      message={token ? t('scim.tokens.revokeMessage', { name: token.name }) : ''}
      confirmLabel={t('scim.tokens.revoke')}
      pending={revoke.isPending}
      onConfirm={() => token && revoke.mutate(token.id)}
      onClose={onClose}
    />
  );
}

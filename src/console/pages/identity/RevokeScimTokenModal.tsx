import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
    <Modal opened={token !== null} onClose={onClose} title={t('scim.tokens.revokeTitle')} centered>
      {token ? (
        <Stack gap="md">
          <Text size="sm">{t('scim.tokens.revokeMessage', { name: token.name })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(token.id)}
              leftSection={<IconTrash size={16} aria-hidden />}
            >
              {t('scim.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
    <Modal opened={token !== null} onClose={onClose} title={t('account.tokens.revokeTitle')} centered>
      {token ? (
        <Stack gap="md">
          <Text size="sm">{t('account.tokens.revokeMessage', { name: token.name })}</Text>
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
              {t('account.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SecretOnceModal, SecretText } from '../../kit/SecretOnceModal.js';
import type { CreatedScimToken } from './scim-api.js';

/** The new SCIM token's secret, shown once, beside the base URL it goes with. */
export function ShowScimTokenModal({
  token,
  baseUrl,
  onClose,
}: {
  token: CreatedScimToken | null;
  baseUrl: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <SecretOnceModal
      secret={token}
      title={t('scim.tokens.createdTitle')}
      warningTitle={t('scim.tokens.onceTitle')}
      warning={t('scim.tokens.onceMessage')}
      doneLabel={t('scim.tokens.done')}
      onClose={onClose}
    >
      {(created) => (
        <Stack gap="sm">
          <SecretText
            label={t('scim.tokens.secretLabel', { name: created.name })}
            value={created.token}
            testId="created-scim-token"
          />
          <Text size="xs" c="dimmed">
            {t('scim.tokens.usage', { baseUrl })}
          </Text>
        </Stack>
      )}
    </SecretOnceModal>
  );
}

import { Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyTextButton, SecretOnceModal } from '../../kit/SecretOnceModal.js';
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
          <div>
            <Text size="sm" fw={500} mb={4} id="created-scim-token-label">
              {t('scim.tokens.secretLabel', { name: created.name })}
            </Text>
            <Group gap="xs" wrap="nowrap" align="stretch">
              <Code
                block
                aria-labelledby="created-scim-token-label"
                data-testid="created-scim-token"
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              >
                {created.token}
              </Code>
              <CopyTextButton value={created.token} filled style={{ alignSelf: 'center' }} />
            </Group>
          </div>
          <Text size="xs" c="dimmed">
            {t('scim.tokens.usage', { baseUrl })}
          </Text>
        </Stack>
      )}
    </SecretOnceModal>
  );
}

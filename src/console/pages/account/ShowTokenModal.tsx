import { Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyTextButton, SecretOnceModal } from '../../kit/SecretOnceModal.js';
import type { CreatedToken } from './api.js';

/** The new token's secret, shown once. */
export function ShowTokenModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretOnceModal
      secret={token}
      title={t('account.tokens.createdTitle')}
      warningTitle={t('account.tokens.onceTitle')}
      warning={t('account.tokens.onceMessage')}
      doneLabel={t('account.tokens.done')}
      onClose={onClose}
    >
      {(created) => (
        <div>
          <Text size="sm" fw={500} mb={4} id="created-token-label">
            {t('account.tokens.secretLabel', { name: created.name })}
          </Text>
          <Group gap="xs" wrap="nowrap" align="stretch">
            <Code
              block
              aria-labelledby="created-token-label"
              data-testid="created-token"
              style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            >
              {created.token}
            </Code>
            <CopyTextButton value={created.token} filled style={{ alignSelf: 'center' }} />
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            {t('account.tokens.usage')} <Code>Authorization: Bearer …</Code>
          </Text>
        </div>
      )}
    </SecretOnceModal>
  );
}

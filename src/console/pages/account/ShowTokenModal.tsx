import { Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SecretOnceModal, SecretText } from '../../kit/SecretOnceModal.js';
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
          <SecretText
            label={t('account.tokens.secretLabel', { name: created.name })}
            value={created.token}
            testId="created-token"
          />
          <Text size="xs" c="dimmed" mt={6}>
            {t('account.tokens.usage')} <Code>Authorization: Bearer …</Code>
          </Text>
        </div>
      )}
    </SecretOnceModal>
  );
}

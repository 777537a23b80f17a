import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from './api.js';

/** The new token's secret, shown once. */
export function ShowTokenModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={t('account.tokens.createdTitle')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {token ? (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('account.tokens.onceTitle')}
          >
            {t('account.tokens.onceMessage')}
          </Alert>
          <div>
            <Text size="sm" fw={500} mb={4} id="created-token-label">
              {t('account.tokens.secretLabel', { name: token.name })}
            </Text>
            <Group gap="xs" wrap="nowrap" align="stretch">
              <Code
                block
                aria-labelledby="created-token-label"
                data-testid="created-token"
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              >
                {token.token}
              </Code>
              <CopyButton value={token.token} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    onClick={copy}
                    color={copied ? 'teal' : undefined}
                    variant={copied ? 'light' : 'filled'}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    style={{ alignSelf: 'center' }}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              {t('account.tokens.usage')} <Code>Authorization: Bearer …</Code>
            </Text>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('account.tokens.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

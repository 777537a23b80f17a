import { Modal, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useOutboxMessage } from './api.js';

/** One message: the HTML in a sandboxed frame (no scripts, no same-origin), and the plain text. */
export function MessageModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useOutboxMessage(id);
  return (
    <Modal opened onClose={onClose} size="xl" title={message.data?.subject ?? t('common.loading')}>
      {message.isPending ? (
        <PageLoader />
      ) : message.isError ? (
        <LoadError error={message.error} onRetry={() => void message.refetch()} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('outbox.columns.recipient')}: {message.data.recipient}
          </Text>
          {message.data.lastError ? (
            <Text size="sm" c="red">
              {t('outbox.lastError')}: {message.data.lastError}
            </Text>
          ) : null}
          <Tabs defaultValue={message.data.bodyHtml ? 'preview' : 'text'}>
            <Tabs.List>
              {message.data.bodyHtml ? <Tabs.Tab value="preview">{t('outbox.preview')}</Tabs.Tab> : null}
              <Tabs.Tab value="text">{t('outbox.plainText')}</Tabs.Tab>
            </Tabs.List>
            {message.data.bodyHtml ? (
              <Tabs.Panel value="preview" pt="sm">
                <iframe
                  title={t('outbox.preview')}
                  sandbox=""
                  srcDoc={message.data.bodyHtml}
                  style={{
                    width: '100%',
                    height: 420,
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 6,
                  }}
                />
              </Tabs.Panel>
            ) : null}
            <Tabs.Panel value="text" pt="sm">
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {message.data.bodyText}
              </Text>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Modal>
  );
}

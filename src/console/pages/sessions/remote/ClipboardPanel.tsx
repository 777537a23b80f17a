import { Button, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clipboardMaxChars } from '../../../../shared/remote/protocol.js';
import type { RemoteSession } from './useRemoteSession.js';

/** Clipboard text both ways: typed or pasted here and sent; the device's read and shown, to copy. */
export function ClipboardPanel({ remote }: { remote: Pick<RemoteSession, 'clipboard' | 'send'> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const paste = async () => {
    try {
      setText((await navigator.clipboard.readText()).slice(0, clipboardMaxChars));
    } catch {
      notifications.show({ color: 'orange', message: t('remote.clipboard.pasteFailed') });
    }
  };
  const sendText = () => {
    if (remote.send({ t: 'clipboard', text }))
      notifications.show({ color: 'teal', message: t('remote.clipboard.sent') });
  };
  return (
    <Stack gap="sm">
      <Textarea
        label={t('remote.clipboard.text')}
        value={text}
        maxLength={clipboardMaxChars}
        autosize
        minRows={2}
        maxRows={6}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => void paste()}>
          {t('remote.clipboard.paste')}
        </Button>
        <Button size="xs" onClick={sendText}>
          {t('remote.clipboard.send')}
        </Button>
        <Button size="xs" variant="default" onClick={() => remote.send({ t: 'clipboard.get' })}>
          {t('remote.clipboard.get')}
        </Button>
      </Group>
      {remote.clipboard !== null ? (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('remote.clipboard.received')}
            </Text>
            <CopyButton value={remote.clipboard}>
              {({ copied, copy }) => (
                <Button size="xs" variant="subtle" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Textarea
            aria-label={t('remote.clipboard.received')}
            data-testid="device-clipboard"
            value={remote.clipboard}
            placeholder={t('remote.clipboard.empty')}
            readOnly
            autosize
            minRows={2}
            maxRows={6}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}

import { Alert, Button, Center, Loader, Stack, type MantineSize } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.js';
import { useFormat } from '../lib/format.js';

export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih={fullScreen ? '100dvh' : 240}>
      <BusyIndicator label={t('common.loading')} />
    </Center>
  );
}

/**
 * A spinner that tells assistive technology what is going on: the words are in a status region
 * (read politely), the spinner itself is decoration.
 */
export function BusyIndicator({ label, size }: { label: string; size?: MantineSize }) {
  return (
    <span role="status" style={{ display: 'inline-flex' }}>
      <Loader size={size} aria-hidden />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** An error that stopped a page or section from loading, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={t('common.loadFailed')}
      role="alert"
    >
      <Stack gap="sm" align="flex-start">
        <span>{errorText(t, error, locale)}</span>
        {onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A problem with a submitted form that is not tied to one field. */
export function FormAlert({ messages, title }: { messages: string[]; title?: string }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} title={title} role="alert">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

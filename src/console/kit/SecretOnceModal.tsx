import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useId, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows once (a token, recovery codes): a warning that it will not be shown
 * again, the secret, ways to keep it, and a button to say it is saved. Open while `secret` is set;
 * a click outside does not close it.
 */
export function SecretOnceModal<Secret>({
  secret,
  title,
  warningTitle,
  warning,
  doneLabel,
  onClose,
  actions,
  children,
}: {
  secret: Secret | null;
  title: string;
  warningTitle: string;
  warning: string;
  doneLabel: string;
  onClose: () => void;
  /** Ways to keep it (copy, download), beside the done button. */
  actions?: (secret: Secret) => ReactNode;
  children: (secret: Secret) => ReactNode;
}) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} centered size="lg" closeOnClickOutside={false}>
      {secret !== null ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={warningTitle}>
            {warning}
          </Alert>
          {children(secret)}
          <Group justify={actions ? 'space-between' : 'flex-end'} gap="sm">
            {actions ? <Group gap="sm">{actions(secret)}</Group> : null}
            <Button onClick={onClose}>{doneLabel}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** Copies a text to the clipboard and says so for a moment. `filled`: the main way to keep it. */
export function CopyTextButton({
  value,
  label,
  filled = false,
  style,
}: {
  value: string;
  label?: string;
  filled?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2500}>
      {({ copied, copy }) => (
        <Button
          onClick={copy}
          color={filled && copied ? 'teal' : undefined}
          variant={filled ? 'filled' : 'default'}
          leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          style={style}
        >
          {copied ? t('common.copied') : (label ?? t('common.copy'))}
        </Button>
      )}
    </CopyButton>
  );
}

/** The secret itself under its label, on lines of its own, with the button that copies it. */
export function SecretText({ label, value, testId }: { label: string; value: string; testId: string }) {
  const id = useId();
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={id}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="stretch">
        <Code
          block
          aria-labelledby={id}
          data-testid={testId}
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
        >
          {value}
        </Code>
        <CopyTextButton value={value} filled style={{ alignSelf: 'center' }} />
      </Group>
    </div>
  );
}

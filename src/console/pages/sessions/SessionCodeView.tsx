import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyTextButton } from '../../kit/SecretOnceModal.js';
import type { CreatedSession } from './NewSessionModal.js';

/** 123456789 → "123 456 789" (easier to read aloud). */
export function groupedCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** "9:58": minutes and seconds left until `until`, never below zero. */
export function countdown(until: string, now: number): string {
  const left = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The new session's code and link (with copy buttons), the time left to use them, and the way in. */
export function SessionCodeView({ session }: { session: CreatedSession }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const expired = session.expiresAt ? Date.parse(session.expiresAt) <= now : false;
  return (
    <Stack>
      {session.code ? (
        <Stack gap={4} align="center">
          <Text size="sm" c="dimmed">
            {t('sessions.code.give')}
          </Text>
          <Title order={2} ff="monospace" data-testid="session-code" aria-label={session.code.split('').join(' ')}>
            {groupedCode(session.code)}
          </Title>
          <CopyTextButton value={session.code} label={t('sessions.code.copyCode')} />
        </Stack>
      ) : null}
      {session.joinUrl ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('sessions.code.link')}
          </Text>
          <Code block data-testid="session-link" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {session.joinUrl}
          </Code>
          <Group>
            <CopyTextButton value={session.joinUrl} label={t('sessions.code.copyLink')} />
          </Group>
        </Stack>
      ) : null}
      {session.expiresAt ? (
        <Text size="sm" c={expired ? 'red' : 'dimmed'} data-testid="session-expiry" aria-live="off">
          {expired
            ? t('sessions.code.expired')
            : t('sessions.code.expiresIn', { time: countdown(session.expiresAt, now) })}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {t(session.recorded ? 'sessions.recording.on' : 'sessions.recording.off')}
      </Text>
      <Button
        component={Link}
        to={`/sessions/${session.id}/live`}
        state={{ code: session.code }}
        leftSection={<IconPlayerPlay size={16} aria-hidden />}
      >
        {t('sessions.code.open')}
      </Button>
    </Stack>
  );
}

import { Anchor, Box, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../shared/contracts/support-requests.js';
import type { PendingMessage } from '../../../shared/chat-transcript.js';
import { useFormat } from '../../lib/format.js';
import { useFitHeight } from './useFitHeight.js';

export interface TranscriptProps {
  messages: ChatMessage[];
  pending?: PendingMessage[];
  /** the customer has read up to this seq: the technicians' last message shows "Read" */
  customerReadSeq?: number;
  label: string;
  /** grow with the page instead of scrolling inside a box */
  expanded?: boolean;
  /** said while there is no message (by default: no messages yet) */
  emptyText?: string;
  /** pixels to leave below the transcript on screen (the message box): it scrolls inside a box that ends there */
  fitAbove?: number;
}

/**
 * Messages oldest first. Everything customers and technicians typed is shown as text: React
 * escapes it, and nothing here ever interprets markup.
 */
export function Transcript({
  messages,
  pending = [],
  customerReadSeq = 0,
  label,
  expanded = false,
  emptyText,
  fitAbove,
}: TranscriptProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const boxRef = useRef<HTMLDivElement>(null);
  const fitted = useFitHeight(boxRef, fitAbove ?? 0, 160, [expanded, fitAbove]);
  const lastOwn = [...messages].reverse().find((m) => m.author.type === 'technician');
  useEffect(() => {
    // scrolls the transcript's own box only, never the page
    const box = boxRef.current;
    if (!expanded && box) box.scrollTop = box.scrollHeight;
  }, [messages.length, pending.length, expanded, fitted]);

  return (
    <Paper
      ref={boxRef}
      withBorder
      radius="md"
      p="sm"
      bg="var(--mantine-color-default-hover)"
      mah={expanded ? undefined : fitAbove !== undefined && fitted !== undefined ? fitted : 420}
      style={{ overflowY: expanded ? undefined : 'auto' }}
      role="log"
      aria-live="polite"
      aria-label={label}
      // it scrolls: reachable by the keyboard to scroll it
      tabIndex={0}
      data-testid="transcript"
    >
      {messages.length === 0 && pending.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" data-testid="transcript-empty">
          {emptyText ?? t('requests.chat.empty')}
        </Text>
      ) : null}
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {messages.map((m) => {
          const own = m.author.type === 'technician';
          if (m.author.type === 'system') {
            return (
              <Text key={m.seq} component="li" size="sm" c="dimmed" ta="center" data-seq={m.seq}>
                {m.body}
              </Text>
            );
          }
          return (
            <Box
              key={m.seq}
              component="li"
              data-seq={m.seq}
              data-author={m.author.type}
              style={{ alignSelf: own ? 'flex-end' : 'flex-start', maxWidth: '85%' }}
            >
              <Paper
                radius="md"
                px="sm"
                py={6}
                withBorder
                bg={own ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)'}
              >
                {/* dimmed grey is too pale on the primary colour's light background of one's own messages */}
                <Text size="xs" c={own ? 'gray.7' : 'dimmed'}>
                  <Text span fw={600} inherit>
                    {m.author.name ?? ''}
                  </Text>{' '}
                  {format.dateTime(m.createdAt)}
                </Text>
                {m.body ? (
                  <Text
                    size="sm"
                    style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                    data-testid="message-body"
                  >
                    {m.body}
                  </Text>
                ) : null}
                {m.attachment ? (
                  <Anchor href={m.attachment.url} size="sm" download={m.attachment.name}>
                    {t('requests.chat.download', { name: m.attachment.name })}
                  </Anchor>
                ) : null}
              </Paper>
              {m === lastOwn ? (
                <Text size="xs" c="dimmed" ta="end" data-testid="read-state">
                  {customerReadSeq >= m.seq ? t('requests.chat.read') : t('requests.chat.sent')}
                </Text>
              ) : null}
            </Box>
          );
        })}
        {pending.map((p) => (
          <Box key={p.clientId} component="li" data-pending="true" style={{ alignSelf: 'flex-end', maxWidth: '85%' }}>
            <Paper radius="md" px="sm" py={6} withBorder style={{ borderStyle: 'dashed' }}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {p.body || p.attachment?.name}
              </Text>
            </Paper>
            <Text size="xs" c="dimmed" ta="end">
              {t('requests.chat.sending')}
            </Text>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

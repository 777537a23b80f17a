import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { useLiveSend } from '../../live/useLive.js';
import { Transcript } from './Transcript.js';
import { useChat } from './useChat.js';

/** The technician's message box: Enter sends, Shift+Enter starts a line; typing is told to the customer. */
function MessageBox({
  requestId,
  body,
  setBody,
  onSend,
}: {
  requestId: string;
  body: string;
  setBody: (body: string) => void;
  onSend: (text: string) => void;
}) {
  const { t } = useTranslation();
  const send = useLiveSend();
  const typingSince = useRef(0);
  const submit = () => {
    const text = body.trim();
    if (!text) return;
    setBody('');
    typingSince.current = 0;
    send({ type: 'support.typing', requestId, typing: false });
    onSend(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const typed = (value: string) => {
    setBody(value);
    const now = Date.now();
    if (now - typingSince.current > 3000) {
      send({ type: 'support.typing', requestId, typing: true });
      typingSince.current = now;
    }
  };
  return (
    <Group align="flex-end" wrap="nowrap" gap="xs">
      <Textarea
        label={t('requests.chat.message')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={limits.chatMessage}
        value={body}
        onChange={(e) => typed(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        style={{ flex: 1 }}
      />
      <Button onClick={submit} disabled={body.trim() === ''}>
        {t('requests.chat.send')}
      </Button>
    </Group>
  );
}

/**
 * A live chat in the console: the transcript and every message as it is stored, typing and read
 * state both ways, and a message box for the technician who holds the chat.
 */
export function ChatPanel({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  // a refused message comes back to the box unless something new was typed meanwhile
  const onRefused = useCallback((text: string) => setBody((current) => current || text), []);
  const { chat, caughtUp, live, customerTyping, customerReadSeq, write } = useChat(request, onRefused);

  return (
    <Stack gap="xs">
      <Transcript
        messages={chat.messages}
        pending={chat.pending}
        customerReadSeq={customerReadSeq}
        label={t('requests.detail.transcript')}
        expanded={!live}
        emptyText={caughtUp ? undefined : t('common.loading')}
      />
      {live ? (
        <Text size="sm" c="dimmed" aria-live="polite" mih={20} data-testid="customer-typing">
          {customerTyping ? t('requests.chat.customerTyping') : ''}
        </Text>
      ) : null}
      {request.status === 'active' ? (
        request.abilities.chat ? (
          <MessageBox requestId={request.id} body={body} setBody={setBody} onSend={write} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('requests.chat.notHeld')}
          </Text>
        )
      ) : null}
    </Stack>
  );
}

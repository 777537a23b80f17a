import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addPending,
  contiguousSeq,
  emptyTranscript,
  receive,
  type Transcript as Chat,
} from '../../../shared/chat-transcript.js';
import {
  chatMessageSchema,
  type ChatMessage,
  type SupportRequestDetail,
} from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError } from '../../api/client.js';
import { useLiveMessage, useLiveSend, useLiveStatus } from '../../live/useLive.js';
import { fetchMessages } from './api.js';
import { Transcript } from './Transcript.js';

const retryMs = [1000, 2000, 4000, 8000];

/**
 * A live chat in the console: the transcript, then every message as it is stored (followed on the
 * live socket, replayed after a reconnection from the last seq held), typing and read state both
 * ways, and a message box for the technician who holds the chat. A message shows as pending until
 * stored; it is resent with the same client id until it is (never twice).
 */
export function ChatPanel({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const send = useLiveSend();
  const liveStatus = useLiveStatus();
  const requestId = request.id;
  const [chat, setChat] = useState<Chat>(emptyTranscript);
  const chatRef = useRef<Chat>(emptyTranscript);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [customerReadSeq, setCustomerReadSeq] = useState(request.customerReadSeq);
  const [body, setBody] = useState('');
  const typingTimer = useRef<number | undefined>(undefined);
  const typingSince = useRef(0);
  const readSent = useRef(request.technicianReadSeq);
  const live = request.status === 'active' || request.status === 'waiting';

  const update = useCallback((change: (c: Chat) => Chat) => {
    chatRef.current = change(chatRef.current);
    setChat(chatRef.current);
  }, []);

  // the transcript so far, then whatever follows it
  const catchUp = useCallback(async () => {
    const page = await fetchMessages(requestId, contiguousSeq(chatRef.current));
    update((c) => receive(c, page.items));
  }, [requestId, update]);

  useEffect(() => {
    chatRef.current = emptyTranscript;
    setChat(emptyTranscript);
    void catchUp();
  }, [catchUp]);

  // follow the chat on the live socket; again after each reconnection
  useEffect(() => {
    if (!live || liveStatus !== 'open') return;
    send({ type: 'support.subscribe', requestId, afterSeq: contiguousSeq(chatRef.current) });
    return () => {
      send({ type: 'support.unsubscribe', requestId });
    };
  }, [live, liveStatus, requestId, send]);

  useLiveMessage('support.message', (frame) => {
    if (frame.requestId !== requestId) return;
    const message = frame.message as ChatMessage;
    update((c) => receive(c, [message]));
    if (message.author.type === 'customer') setCustomerTyping(false);
  });
  useLiveMessage('support.typing', (frame) => {
    if (frame.requestId !== requestId) return;
    window.clearTimeout(typingTimer.current);
    setCustomerTyping(frame.typing === true);
    if (frame.typing === true) typingTimer.current = window.setTimeout(() => setCustomerTyping(false), 6000);
  });
  useLiveMessage('support.read', (frame) => {
    if (frame.requestId !== requestId || frame.by !== 'customer') return;
    setCustomerReadSeq((seq) => Math.max(seq, Number(frame.seq)));
  });
  useLiveMessage('resync', () => void catchUp());
  useEffect(() => () => window.clearTimeout(typingTimer.current), []);

  // the technician has read what is on screen
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!live || lastSeq <= readSent.current || document.visibilityState !== 'visible') return;
    if (send({ type: 'support.read', requestId, seq: lastSeq })) readSent.current = lastSeq;
  }, [live, lastSeq, requestId, send, liveStatus]);

  const post = useCallback(
    async (clientId: string, text: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const stored = await api.post(
            `/support-requests/${encodeURIComponent(requestId)}/messages`,
            { clientId, body: text },
            { schema: chatMessageSchema },
          );
          update((c) => receive(c, [stored]));
          return;
        } catch (error) {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            update((c) => ({ ...c, pending: c.pending.filter((p) => p.clientId !== clientId) }));
            setBody((current) => current || text);
            return;
          }
          await new Promise((r) => window.setTimeout(r, retryMs[Math.min(attempt, retryMs.length - 1)]));
        }
      }
    },
    [requestId, update],
  );

  const submit = () => {
    const text = body.trim();
    if (!text) return;
    const clientId = crypto.randomUUID();
    update((c) => addPending(c, { clientId, body: text, attachment: null, createdAt: new Date().toISOString() }));
    setBody('');
    typingSince.current = 0;
    send({ type: 'support.typing', requestId, typing: false });
    void post(clientId, text);
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
    <Stack gap="xs">
      <Transcript
        messages={chat.messages}
        pending={chat.pending}
        customerReadSeq={customerReadSeq}
        label={t('requests.detail.transcript')}
        expanded={!live}
      />
      {live ? (
        <Text size="sm" c="dimmed" aria-live="polite" mih={20} data-testid="customer-typing">
          {customerTyping ? t('requests.chat.customerTyping') : ''}
        </Text>
      ) : null}
      {request.status === 'active' ? (
        request.abilities.chat ? (
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
        ) : (
          <Text size="sm" c="dimmed">
            {t('requests.chat.notHeld')}
          </Text>
        )
      ) : null}
    </Stack>
  );
}

import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../../shared/contracts/canned-replies.js';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { useLiveSend } from '../../live/useLive.js';
import { fillReply, useCannedReplies } from './canned/api.js';
import { CannedMenu } from './canned/CannedMenu.js';
import { optionId, pickerId, SlashPicker } from './canned/SlashPicker.js';
import { useCannedPicker } from './canned/useCannedPicker.js';
import { Transcript } from './Transcript.js';
import { useChat } from './useChat.js';

/**
 * The technician's message box: Enter sends, Shift+Enter starts a line; typing is told to the customer.
 * "/" and a shortcut opens the canned replies that match (arrows choose, Enter or Tab inserts, Escape closes);
 * the button beside it lists them all.
 */
function MessageBox({
  request,
  body,
  setBody,
  onSend,
}: {
  request: SupportRequestDetail;
  body: string;
  setBody: (body: string) => void;
  onSend: (text: string) => void;
}) {
  const { t } = useTranslation();
  const send = useLiveSend();
  const requestId = request.id;
  const typingSince = useRef(0);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const replies = useCannedReplies(requestId).data?.items ?? [];
  const picker = useCannedPicker(replies, body, caret);
  const submit = () => {
    const text = body.trim();
    if (!text) return;
    setBody('');
    typingSince.current = 0;
    send({ type: 'support.typing', requestId, typing: false });
    onSend(text);
  };
  const insert = (reply: CannedReply) => {
    const text = fillReply(reply.body, request.customer.name);
    const from = picker.open && picker.query ? picker.query.start : caret;
    const next = body.slice(0, from) + text + body.slice(caret);
    const at = from + text.length;
    setBody(next.slice(0, limits.chatMessage));
    setCaret(at);
    picker.reset();
    requestAnimationFrame(() => {
      boxRef.current?.focus();
      boxRef.current?.setSelectionRange(at, at);
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.open && picker.matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        picker.move(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        insert(picker.matches[picker.index]!);
        return;
      }
    }
    if (picker.open && event.key === 'Escape') {
      event.preventDefault();
      picker.dismiss();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const typed = (value: string, at: number) => {
    setBody(value);
    setCaret(at);
    picker.reset();
    const now = Date.now();
    if (now - typingSince.current > 3000) {
      send({ type: 'support.typing', requestId, typing: true });
      typingSince.current = now;
    }
  };
  const showPicker = picker.open && replies.length > 0;
  return (
    <Stack gap={4}>
      {showPicker ? (
        <SlashPicker matches={picker.matches} index={picker.index} typed={picker.query?.typed ?? ''} onPick={insert} />
      ) : null}
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <Textarea
          ref={boxRef}
          label={t('requests.chat.message')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={limits.chatMessage}
          value={body}
          onChange={(e) => typed(e.currentTarget.value, e.currentTarget.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          aria-controls={showPicker && picker.matches.length > 0 ? pickerId : undefined}
          aria-activedescendant={showPicker && picker.matches.length > 0 ? optionId(picker.index) : undefined}
          aria-autocomplete="list"
          style={{ flex: 1 }}
        />
        <CannedMenu replies={replies} onPick={insert} />
        <Button onClick={submit} disabled={body.trim() === ''}>
          {t('requests.chat.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Room kept on screen below a live chat's transcript: the typing line, the message box, the card's edge. */
const messageBoxReserve = 200;

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
        fitAbove={live ? messageBoxReserve : undefined}
        emptyText={caughtUp ? undefined : t('common.loading')}
      />
      {live ? (
        <Text size="sm" c="dimmed" aria-live="polite" mih={20} data-testid="customer-typing">
          {customerTyping ? t('requests.chat.customerTyping') : ''}
        </Text>
      ) : null}
      {request.status === 'active' ? (
        request.abilities.chat ? (
          <MessageBox request={request} body={body} setBody={setBody} onSend={write} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('requests.chat.notHeld')}
          </Text>
        )
      ) : null}
    </Stack>
  );
}

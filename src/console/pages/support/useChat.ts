import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  addPending,
  contiguousSeq,
  emptyTranscript,
  receive,
  type Transcript as Chat,
} from '../../../shared/chat-transcript.js';
import type { ChatMessage, SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { ApiError } from '../../api/client.js';
import { useLiveMessage, useLiveSend, useLiveStatus } from '../../live/useLive.js';
import { fetchMessages, markSeenInLists, postChatMessage } from './api.js';

const retryMs = [1000, 2000, 4000, 8000];

/**
 * A request's chat as the console holds it: the transcript, then every message as it is stored
 * (followed on the live socket, replayed after a reconnection from the last seq held), the
 * customer's typing and read state, and the technician's messages — pending until stored, resent
 * with the same client id until they are (never twice). A message the server refuses (4xx) is
 * dropped and handed to `onRefused`.
 */
export function useChat(request: SupportRequestDetail, onRefused: (text: string) => void) {
  const send = useLiveSend();
  const queryClient = useQueryClient();
  const liveStatus = useLiveStatus();
  const requestId = request.id;
  const [chat, setChat] = useState<Chat>(emptyTranscript);
  // the transcript so far has been read once (until then an empty one says nothing yet)
  const [caughtUp, setCaughtUp] = useState(false);
  const chatRef = useRef<Chat>(emptyTranscript);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [customerReadSeq, setCustomerReadSeq] = useState(request.customerReadSeq);
  const typingTimer = useRef<number | undefined>(undefined);
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

  // another request: start from an empty transcript
  const [heldFor, setHeldFor] = useState(requestId);
  if (heldFor !== requestId) {
    setHeldFor(requestId);
    setChat(emptyTranscript);
    setCaughtUp(false);
  }
  useEffect(() => {
    chatRef.current = emptyTranscript;
    void catchUp().then(() => setCaughtUp(true));
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
    if (send({ type: 'support.read', requestId, seq: lastSeq })) {
      readSent.current = lastSeq;
      markSeenInLists(queryClient, requestId);
    }
  }, [live, lastSeq, requestId, send, liveStatus, queryClient]);

  const post = useCallback(
    async (clientId: string, text: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const stored = await postChatMessage(requestId, clientId, text);
          update((c) => receive(c, [stored]));
          return;
        } catch (error) {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            update((c) => ({ ...c, pending: c.pending.filter((p) => p.clientId !== clientId) }));
            onRefused(text);
            return;
          }
          await new Promise((r) => window.setTimeout(r, retryMs[Math.min(attempt, retryMs.length - 1)]));
        }
      }
    },
    [requestId, update, onRefused],
  );

  /** Shows the message as pending at once and sends it. */
  const write = (text: string) => {
    const clientId = crypto.randomUUID();
    update((c) => addPending(c, { clientId, body: text, attachment: null, createdAt: new Date().toISOString() }));
    void post(clientId, text);
  };

  return { chat, caughtUp, live, customerTyping, customerReadSeq, write };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment, QueueState, RequestStatus } from '../../shared/contracts/support-requests.js';
import type { CustomerClientFrame, CustomerServerFrame } from '../../shared/realtime.js';
import { newClientId, socketUrl } from '../api.js';
import type { ConnectionState } from '../live-socket.js';
import { ChatConnection } from './connection.js';
import { PendingResend } from './pending-resend.js';
import {
  acknowledge,
  addPending,
  contiguousSeq,
  emptyTranscript,
  receive,
  type Transcript,
} from '../../shared/chat-transcript.js';

export type OfflineReason = 'no_technician' | 'outside_hours' | 'wait_timeout' | 'portal_closed';

export interface ChatView {
  connection: ConnectionState;
  status: RequestStatus | null;
  queue: QueueState | null;
  technicianName: string | null;
  offlineReason: OfflineReason | null;
  offlineMessage: string | null;
  transcript: Transcript;
  /** the technician is typing */
  typing: boolean;
  /** the technician side has read up to this seq */
  technicianReadSeq: number;
  /** the last final refusal of a frame the customer sent, until a message is stored again */
  refusal: string | null;
}

const typingShownMs = 6000;

/** The live side of one request for its customer: queue, status and chat over one resumable socket. */
export function useChat(slug: string, requestId: string, token: string, customerName: string) {
  const [view, setView] = useState<ChatView>({
    connection: 'connecting',
    status: null,
    queue: null,
    technicianName: null,
    offlineReason: null,
    offlineMessage: null,
    transcript: emptyTranscript,
    typing: false,
    technicianReadSeq: 0,
    refusal: null,
  });
  const transcriptRef = useRef<Transcript>(emptyTranscript);
  const connectionRef = useRef<ChatConnection | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);

  const updateTranscript = useCallback((change: (t: Transcript) => Transcript) => {
    transcriptRef.current = change(transcriptRef.current);
    const transcript = transcriptRef.current;
    setView((v) => ({ ...v, transcript }));
  }, []);

  useEffect(() => {
    const resend = new PendingResend(() => connectionRef.current?.resendPending());
    const onFrame = (frame: CustomerServerFrame) => {
      switch (frame.type) {
        case 'hello':
          setView((v) => ({
            ...v,
            status: frame.status,
            queue: frame.queue,
            technicianName: frame.technicianName ?? v.technicianName,
          }));
          break;
        case 'message':
          updateTranscript((t) => receive(t, [frame.message]));
          if (frame.message.author.type === 'technician') setView((v) => ({ ...v, typing: false }));
          break;
        case 'ack':
          updateTranscript((t) => acknowledge(t, frame, requestId, customerName));
          resend.acknowledged();
          setView((v) => (v.refusal ? { ...v, refusal: null } : v));
          break;
        case 'typing':
          window.clearTimeout(typingTimer.current);
          setView((v) => ({ ...v, typing: frame.typing }));
          if (frame.typing)
            typingTimer.current = window.setTimeout(() => setView((v) => ({ ...v, typing: false })), typingShownMs);
          break;
        case 'read':
          setView((v) => ({ ...v, technicianReadSeq: Math.max(v.technicianReadSeq, frame.seq) }));
          break;
        case 'queue':
          setView((v) => ({ ...v, queue: frame.queue }));
          break;
        case 'status':
          setView((v) => ({
            ...v,
            status: frame.status,
            technicianName: frame.technicianName ?? v.technicianName,
            offlineReason: frame.offlineReason ?? v.offlineReason,
            offlineMessage: frame.offlineMessage ?? v.offlineMessage,
            queue: frame.status === 'waiting' ? v.queue : null,
          }));
          if (frame.status === 'closed' || frame.status === 'offline' || frame.status === 'answered')
            connectionRef.current?.stop();
          break;
        case 'error':
          // a full frame budget or a passing fault: the pending messages go again by themselves
          if (!resend.refused(frame.code)) setView((v) => ({ ...v, refusal: frame.message }));
          break;
        case 'pong':
          break;
      }
    };
    const connection = new ChatConnection({
      url: socketUrl(slug, requestId, token),
      onFrame,
      onState: (state) => setView((v) => ({ ...v, connection: state })),
      resumeSeq: () => contiguousSeq(transcriptRef.current),
      unacknowledged: () =>
        transcriptRef.current.pending.map((p): CustomerClientFrame => ({
          type: 'message',
          clientId: p.clientId,
          body: p.body,
          ...(p.attachment ? { attachmentId: p.attachment.id } : {}),
        })),
    });
    connectionRef.current = connection;
    connection.start();
    return () => {
      resend.stop();
      connection.stop();
      window.clearTimeout(typingTimer.current);
    };
  }, [slug, requestId, token, customerName, updateTranscript]);

  /** Shows the message at once as pending, and sends it now or after the next resume. */
  const sendMessage = useCallback(
    (body: string, attachment: Attachment | null = null) => {
      const clientId = newClientId();
      updateTranscript((t) => addPending(t, { clientId, body, attachment, createdAt: new Date().toISOString() }));
      connectionRef.current?.send({
        type: 'message',
        clientId,
        body,
        ...(attachment ? { attachmentId: attachment.id } : {}),
      });
    },
    [updateTranscript],
  );

  const sendTyping = useCallback((typing: boolean) => {
    connectionRef.current?.send({ type: 'typing', typing });
  }, []);

  const markRead = useCallback((seq: number) => {
    connectionRef.current?.send({ type: 'read', seq });
  }, []);

  return { view, sendMessage, sendTyping, markRead };
}

/**
 * One side's copy of a chat (the customer's page or a technician's console): stored messages in seq order, and the messages typed here that
 * the server has not acknowledged yet (shown as pending, resent with the same client id after a
 * reconnect). Every function returns a new state; none ever duplicates or reorders a message.
 */
import type { Attachment, ChatMessage } from './contracts/support-requests.js';

export interface PendingMessage {
  clientId: string;
  body: string;
  attachment: Attachment | null;
  createdAt: string;
}

export interface Transcript {
  /** stored messages, by increasing seq, each seq once */
  messages: ChatMessage[];
  /** typed here, not yet acknowledged, in the order typed */
  pending: PendingMessage[];
}

export const emptyTranscript: Transcript = { messages: [], pending: [] };

/**
 * The highest seq up to which nothing is missing: what `resume` asks after. Seqs have no gaps on
 * the server, so a hole here means a message still on its way, and it must be replayed.
 */
export function contiguousSeq(t: Transcript): number {
  let seq = 0;
  for (const m of t.messages) {
    if (m.seq === seq + 1) seq = m.seq;
    else if (m.seq > seq + 1) break;
  }
  return seq;
}

/** Adds stored messages (replayed or live): each seq kept once, the list in seq order. */
export function receive(t: Transcript, incoming: ChatMessage[]): Transcript {
  if (incoming.length === 0) return t;
  const bySeq = new Map(t.messages.map((m) => [m.seq, m]));
  for (const m of incoming) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const stored = new Set(messages.map((m) => m.clientId).filter((id): id is string => id !== null));
  const pending = t.pending.filter((p) => !stored.has(p.clientId));
  return { messages, pending };
}

/** A message typed here: pending until the server acknowledges it. */
export function addPending(t: Transcript, message: PendingMessage): Transcript {
  if (t.pending.some((p) => p.clientId === message.clientId)) return t;
  return { ...t, pending: [...t.pending, message] };
}

/**
 * The server stored the message with this client id as `seq`: it becomes a stored message
 * (authored by the customer) unless the stored copy already arrived.
 */
export function acknowledge(
  t: Transcript,
  ack: { clientId: string; seq: number; messageId: string },
  requestId: string,
  customerName: string,
): Transcript {
  const pending = t.pending.find((p) => p.clientId === ack.clientId);
  if (!pending) return t;
  const message: ChatMessage = {
    id: ack.messageId,
    requestId,
    seq: ack.seq,
    clientId: ack.clientId,
    author: { type: 'customer', name: customerName },
    body: pending.body,
    attachment: pending.attachment,
    createdAt: pending.createdAt,
  };
  return receive(t, [message]);
}

import type { Queryable } from '../../platform/db/pool.js';
import { publish, publishAll } from '../../platform/realtime/publish.js';

/** A request's state changed: queues, customers' status and technicians' lists follow. */
export const supportChannel = 'tandem_support';
/** Something happened in a request's conversation: a message stored, typing, read. */
export const chatChannel = 'tandem_chat';

export type RequestChange = 'created' | 'accepted' | 'transferred' | 'offline' | 'answered' | 'closed' | 'message';

export interface SupportNotice {
  accountId: string;
  companyId: string;
  requestId: string;
  change: RequestChange;
  takenBy: { id: string; name: string } | null;
}

export type ChatNotice =
  | { requestId: string; event: 'message'; seq: number; side: 'customer' | 'technician' | 'system' }
  | { requestId: string; event: 'typing'; side: 'customer' | 'technician'; typing: boolean; name: string | null }
  | { requestId: string; event: 'read'; side: 'customer' | 'technician'; seq: number };

/** Announced to every process when the transaction commits (nothing if it rolls back). */
export function announceChange(tx: Queryable, notice: SupportNotice): Promise<void> {
  return publish(tx, supportChannel, notice);
}

export function announceChat(q: Queryable, notice: ChatNotice): Promise<void> {
  return publish(q, chatChannel, notice);
}

/** A chat notice and a change of the request's list entry, in one statement. */
export function announceChatAndChange(q: Queryable, chat: ChatNotice, change: SupportNotice): Promise<void> {
  return publishAll(q, [
    { channel: chatChannel, payload: chat },
    { channel: supportChannel, payload: change },
  ]);
}

import type { Queryable } from '../../platform/db/pool.js';
import { channels, type ChatNotice, type SupportNotice } from '../../platform/realtime/channels.js';
import { notice, publish, publishAll } from '../../platform/realtime/publish.js';

export type { ChatNotice, SupportNotice } from '../../platform/realtime/channels.js';

/** A request's state changed: announced to every process when the transaction commits (nothing if it rolls back). */
export function announceChange(tx: Queryable, change: SupportNotice): Promise<void> {
  return publish(tx, channels.support, change);
}

/** Something happened in a request's conversation: a message stored, typing, read. */
export function announceChat(q: Queryable, chat: ChatNotice): Promise<void> {
  return publish(q, channels.chat, chat);
}

/** A chat notice and a change of the request's list entry, in one statement. */
export function announceChatAndChange(q: Queryable, chat: ChatNotice, change: SupportNotice): Promise<void> {
  return publishAll(q, [notice(channels.chat, chat), notice(channels.support, change)]);
}

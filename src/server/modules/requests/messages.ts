import type { ChatMessage } from '../../../shared/contracts/support-requests.js';
import type { Queryable } from '../../platform/db/pool.js';
import { fieldError } from '../../platform/http/app-error.js';
import { announceChat, announceChatAndChange, type SupportNotice } from './announce.js';
import { messageInNotice } from './notice-message.js';
import { presentMessage } from './presenter.js';
import * as repo from './repository.js';

export interface Author {
  type: 'customer' | 'technician' | 'system';
  userId?: string | null;
  name: string | null;
}

/**
 * Stores a message in a request whose row the caller has locked (`findRequest(…, {forUpdate})`):
 * the next seq, announced at commit. A `clientId` already stored for this author side returns
 * the stored message (`duplicate`), so a resend after a lost ack stores nothing twice. `change`:
 * a change of the request's list entry announced with the message (not for a duplicate).
 */
export async function appendMessage(
  tx: Queryable,
  request: repo.RequestRow,
  author: Author,
  content: { clientId?: string | null; body: string; attachmentId?: string | null },
  change?: SupportNotice,
): Promise<{ message: repo.MessageRow; duplicate: boolean }> {
  if (content.clientId) {
    const existing = await repo.findMessageByClientId(tx, request.id, author.type, content.clientId);
    if (existing) return { message: existing, duplicate: true };
  }
  if (content.attachmentId) {
    const found = await repo.attachmentsByIds(tx, request.id, [content.attachmentId]);
    if (!found.has(content.attachmentId))
      throw fieldError('attachmentId', 'not_found', 'This attachment does not belong to this request.');
  }
  const message = await repo.insertMessage(tx, {
    accountId: request.accountId,
    requestId: request.id,
    clientId: content.clientId ?? null,
    authorType: author.type,
    authorUserId: author.userId ?? null,
    authorName: author.name,
    body: content.body,
    attachmentId: content.attachmentId ?? null,
  });
  const notice = {
    requestId: request.id,
    event: 'message',
    seq: message.seq,
    side: author.type,
    message: messageInNotice(message),
  } as const;
  await (change ? announceChatAndChange(tx, notice, change) : announceChat(tx, notice));
  // the technicians' own messages, and a system line with nothing unread before it, are never unread to them
  const read = await repo.markTechnicianReadThrough(tx, request.id, message.seq, author.type);
  if (read !== null && author.type === 'technician')
    await announceChat(tx, { requestId: request.id, event: 'read', side: 'technician', seq: read });
  return { message, duplicate: false };
}

/** Stored messages after a seq with their attachments, not yet presented for a side. */
export interface StoredMessages {
  rows: repo.MessageRow[];
  attachments: Map<string, repo.AttachmentRow>;
}

export async function loadStoredMessages(
  db: Queryable,
  requestId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredMessages> {
  const rows = await repo.messagesAfter(db, requestId, afterSeq, limit);
  const attachments = await repo.attachmentsByIds(
    db,
    requestId,
    rows.flatMap((r) => (r.attachmentId ? [r.attachmentId] : [])),
  );
  return { rows, attachments };
}

export function presentStored(
  { rows, attachments }: StoredMessages,
  url: (attachmentId: string) => string,
): ChatMessage[] {
  return rows.map((row) => presentMessage(row, row.attachmentId ? attachments.get(row.attachmentId) : undefined, url));
}

/** Messages after a seq, with their attachments, presented for one side. */
export async function loadMessages(
  db: Queryable,
  requestId: string,
  afterSeq: number,
  limit: number,
  url: (attachmentId: string) => string,
): Promise<ChatMessage[]> {
  return presentStored(await loadStoredMessages(db, requestId, afterSeq, limit), url);
}

export async function presentOne(
  db: Queryable,
  message: repo.MessageRow,
  url: (attachmentId: string) => string,
): Promise<ChatMessage> {
  const attachments = await repo.attachmentsByIds(
    db,
    message.requestId,
    message.attachmentId ? [message.attachmentId] : [],
  );
  return presentMessage(message, message.attachmentId ? attachments.get(message.attachmentId) : undefined, url);
}

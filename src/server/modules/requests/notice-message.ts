import { sql, type SQL } from 'drizzle-orm';
import type { NoticedMessage } from '../../platform/realtime/channels.js';
import type { MessageRow } from './repository.js';

/**
 * The most a chat notice carries of its message's text and author name, as JSON (UTF-8 bytes, quotes
 * and escapes included): PostgreSQL refuses a NOTIFY payload of 8,000 bytes, and the rest of the
 * notice (ids, the time) needs room.
 */
export const noticeBodyBytes = 3_000;
export const noticeNameBytes = 400;

const jsonBytes = (text: string | null) => Buffer.byteLength(JSON.stringify(text ?? ''));

/** The message as its notice carries it: a text message small enough (`noticeBodyBytes`), else nothing. */
export function messageInNotice(row: MessageRow): NoticedMessage | undefined {
  if (row.attachmentId || jsonBytes(row.body) > noticeBodyBytes || jsonBytes(row.authorName) > noticeNameBytes)
    return undefined;
  return {
    id: row.id,
    accountId: row.accountId,
    requestId: row.requestId,
    seq: row.seq,
    clientId: row.clientId,
    authorType: row.authorType,
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The stored row of a message carried by a notice. */
export function rowFromNotice(message: NoticedMessage): MessageRow {
  return { ...message, attachmentId: null, createdAt: new Date(message.createdAt) };
}

/**
 * `messageInNotice` in SQL, for a statement that inserts the message (`m`, its columns as stored):
 * the JSON of the chat notice, with the message when its text is small enough.
 */
export function chatNoticeSql(side: NoticedMessage['authorType']): SQL {
  const base = sql`'requestId', m.request_id, 'event', 'message', 'seq', m.seq, 'side', ${side}::text`;
  return sql`(case when octet_length(to_json(m.body)::text) <= ${noticeBodyBytes}
      and octet_length(to_json(coalesce(m.author_name, ''))::text) <= ${noticeNameBytes}
    then json_build_object(${base}, 'message', json_build_object('id', m.id, 'accountId', m.account_id,
      'requestId', m.request_id, 'seq', m.seq, 'clientId', m.client_id, 'authorType', m.author_type,
      'authorUserId', m.author_user_id, 'authorName', m.author_name, 'body', m.body,
      'createdAt', to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    else json_build_object(${base}) end)::text`;
}

import type { Queryable } from '../db/pool.js';
import { attachmentContents, insertAttachment } from './attachments-repository.js';
import type { Attachment } from './tables.js';

/** Stores a file's content once, for any number of messages to attach by `storedId`. */
export async function storeAttachment(tx: Queryable, accountId: string | null, content: string): Promise<string> {
  return insertAttachment(tx, { accountId, content, byteSize: Buffer.byteLength(content, 'utf8') });
}

/** A message's attachments with their contents, stored ones read in one query. */
export async function attachmentsToSend(
  db: Queryable,
  attachments: Attachment[] | null,
): Promise<{ filename: string; contentType: string; content: string }[]> {
  if (!attachments?.length) return [];
  const storedIds = attachments.flatMap((a) => (a.storedId ? [a.storedId] : []));
  const stored = storedIds.length > 0 ? await attachmentContents(db, storedIds) : new Map<string, string>();
  return attachments.map((a) => {
    const content = a.storedId ? stored.get(a.storedId) : a.content;
    // a stored file removed meanwhile (its account deleted) cannot be sent: the attempt fails and is retried, then dead-lettered
    if (content === undefined) throw new Error(`attachment ${a.filename} is no longer stored`);
    return { filename: a.filename, contentType: a.contentType, content };
  });
}

import { inArray } from 'drizzle-orm';
import { oneRow } from '../db/one-row.js';
import type { Queryable } from '../db/pool.js';
import { mailAttachments } from './tables.js';

/** Stores a file's content; answers its id. */
export async function insertAttachment(
  db: Queryable,
  values: { accountId: string | null; content: string; byteSize: number },
): Promise<string> {
  const rows = await db.insert(mailAttachments).values(values).returning({ id: mailAttachments.id });
  return oneRow(rows, 'storing an attachment').id;
}

/** The contents of the stored files still there, by id, in one query. */
export async function attachmentContents(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: mailAttachments.id, content: mailAttachments.content })
    .from(mailAttachments)
    .where(inArray(mailAttachments.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.content]));
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { passkeys } from '../../../src/server/modules/passkeys/tables.js';

/** A user's stored passkeys, oldest first. */
export async function passkeysOf(db: Db, userId: string) {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(passkeys.createdAt);
}

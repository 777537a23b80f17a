import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { technicianPresence } from '../../../src/server/modules/presence/tables.js';
import { only } from './rows.js';

/** Every technician of the account is offline, as if each had closed their last tab long ago. */
export async function nobodyOnline(db: Db, accountId: string): Promise<void> {
  await db.update(technicianPresence).set({ onlineUntil: null }).where(eq(technicianPresence.accountId, accountId));
}

/** The technician's grace period after their last socket closed has just ended (moved into the past rather than waited for). */
export async function graceEnded(db: Db, userId: string): Promise<void> {
  await db
    .update(technicianPresence)
    .set({ onlineUntil: sql`now() - interval '1 second'` })
    .where(eq(technicianPresence.userId, userId));
}

/** When the technician stops counting as online, as stored. */
export async function onlineUntilOf(db: Db, userId: string): Promise<Date> {
  const row = only(
    await db
      .select({ until: technicianPresence.onlineUntil })
      .from(technicianPresence)
      .where(eq(technicianPresence.userId, userId)),
    'presence',
  );
  if (!row.until) throw new Error(`technician ${userId} is not online`);
  return row.until;
}

import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { agentGrantKeys } from './tables.js';

/** The server's grant key row, or null before the first one is made. */
export async function readGrantKey(db: Queryable) {
  const [row] = await db.select().from(agentGrantKeys).where(eq(agentGrantKeys.id, 1)).limit(1);
  return row ?? null;
}

/** Stores a new grant key unless one is there already (another process made it first). */
export async function insertGrantKey(db: Queryable, values: { publicKey: Buffer; privateKey: string }) {
  await db
    .insert(agentGrantKeys)
    .values({ id: 1, ...values })
    .onConflictDoNothing();
}

import { sql } from 'drizzle-orm';
import type { Queryable } from './pool.js';

/** One round trip to the database (`select 1`): what the health check asks. */
export async function ping(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}

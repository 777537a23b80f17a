import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { supportSessions } from './tables.js';

export type SessionRow = typeof supportSessions.$inferSelect;
export type NewSession = typeof supportSessions.$inferInsert;

/** One session of an account; `forUpdate` locks its row for a change in the caller's transaction. */
export async function findSession(
  db: Queryable,
  accountId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<SessionRow | null> {
  const query = db
    .select()
    .from(supportSessions)
    .where(and(eq(supportSessions.accountId, accountId), eq(supportSessions.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** A session by id alone (the customer's side, which knows no account: checked by token after). */
export async function findSessionById(
  db: Queryable,
  id: string,
  { forUpdate = false } = {},
): Promise<SessionRow | null> {
  const query = db.select().from(supportSessions).where(eq(supportSessions.id, id)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The session a chat belongs to, the newest first (a chat may have had an earlier, ended one). */
export async function findSessionOfRequest(db: Queryable, requestId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(supportSessions)
    .where(eq(supportSessions.requestId, requestId))
    .orderBy(sql`${supportSessions.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { createSession } from '../../../src/server/modules/auth/index.js';
import { sessions } from '../../../src/server/modules/auth/tables.js';
import type { TestUser } from './users.js';

type Which = { userId: string } | { idHash: string };
const where = (which: Which) =>
  'userId' in which ? eq(sessions.userId, which.userId) : eq(sessions.idHash, which.idHash);

/**
 * A session of the user written by the sessions repository (no sign-in), its times then set as
 * given (PostgreSQL intervals: it ends in `expiresIn`, its last request was `idleFor` ago).
 * Returns the stored hash of its id.
 */
export async function aSession(
  db: Db,
  user: Pick<TestUser, 'id' | 'accountId'>,
  options: { expiresIn?: string; idleFor?: string; pending?: boolean } = {},
): Promise<string> {
  const { idHash } = await createSession(db, {
    accountId: user.accountId,
    userId: user.id,
    ip: null,
    userAgent: null,
    secondFactorPending: options.pending ?? false,
  });
  await db
    .update(sessions)
    .set({
      expiresAt: sql`now() + ${options.expiresIn ?? '12 hours'}::interval`,
      lastSeenAt: sql`now() - ${options.idleFor ?? '0 seconds'}::interval`,
    })
    .where(eq(sessions.idHash, idHash));
  return idHash;
}

/** The sessions' last request was `minutes` ago, as if their user had been away since. */
export async function idleSince(db: Db, which: Which, minutes: number): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(where(which));
}

/** The sessions' expiry has just passed. */
export async function expireSessions(db: Db, which: Which): Promise<void> {
  await db
    .update(sessions)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(where(which));
}

/** The sessions as stored: of a user, or the one with this hash of its id. */
export async function sessionsOf(db: Db, which: Which) {
  return db.select().from(sessions).where(where(which));
}

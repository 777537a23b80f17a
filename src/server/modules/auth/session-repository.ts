import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { preparedQuery } from '../../platform/db/prepared.js';
import type { Queryable } from '../../platform/db/pool.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { auditEvents } from '../audit/tables.js';
import { sessions } from './tables.js';
import { sessionPolicy } from './session-policy.js';

export interface NewSession {
  cookieValue: string;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A session waiting for its second factor lives this long, then the password must be given again. */
export const secondFactorPendingMinutes = 5;

type SessionInput = {
  accountId: string;
  userId: string;
  ip: string | null;
  userAgent: string | null;
  secondFactorPending?: boolean;
};

/**
 * A session with a fresh id (a new id at every sign-in: no session fixation), and the row that
 * stores it. A `secondFactorPending` session can only finish signing in, and expires in 5 minutes.
 */
function newSession(input: SessionInput): { session: NewSession; row: typeof sessions.$inferInsert } {
  const cookieValue = randomSecret(32);
  const idHash = sha256(cookieValue);
  const csrfToken = randomSecret(24);
  const pending = input.secondFactorPending === true;
  const expiresAt = new Date(
    Date.now() + (pending ? secondFactorPendingMinutes * 60_000 : sessionPolicy.absoluteHours * 3_600_000),
  );
  const row = {
    idHash,
    accountId: input.accountId,
    userId: input.userId,
    csrfToken,
    secondFactorPending: pending,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  };
  return { session: { cookieValue, idHash, csrfToken, expiresAt }, row };
}

export async function createSession(db: Queryable, input: SessionInput): Promise<NewSession> {
  const { session, row } = newSession(input);
  await db.insert(sessions).values(row);
  return session;
}

/**
 * A new session and its audit row in one statement (the session's insert in a WITH): both are
 * written or neither, in one round trip instead of a transaction's four.
 */
export async function createAuditedSession(
  db: Queryable,
  input: SessionInput,
  audit: typeof auditEvents.$inferInsert,
): Promise<NewSession> {
  const { session, row } = newSession(input);
  const inserted = db.$with('new_session').as(db.insert(sessions).values(row).returning({ idHash: sessions.idHash }));
  await db.with(inserted).insert(auditEvents).values(audit);
  return session;
}

/**
 * A live session: not past its absolute expiry, and used within `idleMinutes` (the longest idle
 * time any account allows; the caller applies its account's own setting to `idleSeconds`).
 */
// read whenever a session is not in the identity cache: prepared
const liveSession = preparedQuery('live_session', (db) =>
  db
    .select({ session: sessions, idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8` })
    .from(sessions)
    .where(
      and(
        eq(sessions.idHash, sql.placeholder('idHash')),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${sql.placeholder('idleMinutes')})`),
      ),
    )
    .limit(1),
);

/**
 * A live session: not past its absolute expiry, and used within `idleMinutes` (the longest idle
 * time any account allows; the caller applies its account's own setting to `idleSeconds`).
 */
export async function findLiveSession(db: Queryable, cookieValue: string, idleMinutes: number) {
  const [row] = await liveSession(db, { idHash: sha256(cookieValue), idleMinutes });
  return row ? { ...row.session, idleSeconds: Number(row.idleSeconds) } : null;
}

export async function touchSession(db: Queryable, idHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(sessions.idHash, idHash),
        lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${sessionPolicy.touchEverySeconds})`),
      ),
    );
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user but, optionally, the one in use (after a password change). */
export async function deleteUserSessions(db: Queryable, userId: string, except?: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.idHash, except)) : eq(sessions.userId, userId))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}

/**
 * Deletes up to `limit` sessions that can no longer be used, in one statement: past their absolute
 * expiry (a sign-in waiting for its second factor after its 5 minutes), or, with `idle`, one
 * account's sessions unused for longer than its idle time. Rows another process is deleting at the
 * same moment are skipped, not waited for. Returns how many were deleted.
 */
export async function deleteExpiredSessions(
  db: Queryable,
  { idle, limit = 1000 }: { idle?: { accountId: string; minutes: number }; limit?: number } = {},
): Promise<number> {
  const dead = idle
    ? and(
        eq(sessions.accountId, idle.accountId),
        lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idle.minutes})`),
      )
    : lt(sessions.expiresAt, sql`now()`);
  const batch = db
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(dead)
    .limit(limit)
    .for('update', { skipLocked: true });
  const deleted = await db
    .delete(sessions)
    .where(inArray(sessions.idHash, batch))
    .returning({ idHash: sessions.idHash });
  return deleted.length;
}

/** Accounts with a live session unused for `minutes` or more: where idle sessions may have ended. */
export async function accountsWithIdleSessions(db: Queryable, minutes: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ accountId: sessions.accountId })
    .from(sessions)
    .where(
      and(gt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${minutes})`)),
    );
  return rows.map((r) => r.accountId);
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { createSession } from '../../../src/server/modules/auth/index.js';
import { sessions } from '../../../src/server/modules/auth/tables.js';
import { insertSession, type SessionRow } from '../../../src/server/modules/sessions/index.js';
import {
  sessionCodeFailures,
  sessionEvents,
  sessionSignals,
  sessionWatchers,
  supportSessions,
} from '../../../src/server/modules/sessions/tables.js';
import { only } from './rows.js';
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

// --- remote-support sessions (support_sessions), not sign-in sessions

/**
 * A remote-support session written through the sessions repository (no code drawn, no notices):
 * for lists, reports and sweeps that read its state and times.
 */
export async function aSupportSession(
  db: Db,
  values: {
    accountId: string;
    companyId: string;
    technicianId: string;
    status?: SessionRow['status'];
    outcome?: SessionRow['outcome'];
    recorded?: boolean;
    recordingPolicy?: SessionRow['recordingPolicy'];
    codeHash?: string | null;
    codeExpiresAt?: Date | null;
    createdAt?: Date;
    startedAt?: Date | null;
    endedAt?: Date | null;
    kind?: SessionRow['kind'];
    deviceId?: string | null;
    mode?: SessionRow['mode'];
  },
): Promise<SessionRow> {
  const row = await insertSession(db, {
    status: 'waiting',
    recordingPolicy: 'off',
    ...values,
  });
  if (!row) throw new Error('the session was not inserted (its code is taken)');
  return row;
}

/** A waiting session whose customer is now in it (`joined`, as entering its code makes it), not yet consenting. */
export async function customerOpened(db: Db, id: string): Promise<void> {
  await db.update(supportSessions).set({ status: 'joined', joinedAt: new Date() }).where(eq(supportSessions.id, id));
}

/** A remote-support session as stored. */
export async function supportSessionRow(db: Db, id: string): Promise<SessionRow> {
  return only(await db.select().from(supportSessions).where(eq(supportSessions.id, id)), `session ${id}`);
}

/** The types of a session's timeline, in order. */
export async function timelineTypesOf(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ type: sessionEvents.type })
    .from(sessionEvents)
    .where(eq(sessionEvents.sessionId, sessionId))
    .orderBy(asc(sessionEvents.id));
  return rows.map((r) => r.type);
}

/** A WebRTC signal stored `ageSeconds` ago for a session. */
export async function aSessionSignal(db: Db, sessionId: string, ageSeconds: number): Promise<string> {
  const [row] = await db
    .insert(sessionSignals)
    .values({
      sessionId,
      toPeer: 'customer',
      fromPeer: 'technician',
      payload: { type: 'ice' },
      createdAt: sql`now() - make_interval(secs => ${ageSeconds})`,
    })
    .returning({ id: sessionSignals.id });
  return String(row!.id);
}

/** The ids of the signals stored for a session. */
export async function sessionSignalIdsOf(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: sessionSignals.id })
    .from(sessionSignals)
    .where(eq(sessionSignals.sessionId, sessionId));
  return rows.map((r) => String(r.id));
}

/** A wrong session code entered from `address`, `ageMinutes` ago. */
export async function aCodeFailure(db: Db, address: string, ageMinutes: number): Promise<void> {
  await db.insert(sessionCodeFailures).values({ address, at: sql`now() - make_interval(mins => ${ageMinutes})` });
}

/** How many wrong codes are recorded for an address. */
export async function codeFailuresOf(db: Db, address: string): Promise<number> {
  const rows = await db.select().from(sessionCodeFailures).where(eq(sessionCodeFailures.address, address));
  return rows.length;
}

/** The user's open remote-support sessions end (outcome `resolved`), as if they had finished them: their limit is free. */
export async function endOpenSessionsOf(db: Db, userId: string): Promise<void> {
  await db
    .update(supportSessions)
    .set({ status: 'ended', outcome: 'resolved', endedAt: sql`now()` })
    .where(
      and(eq(supportSessions.technicianId, userId), inArray(supportSessions.status, ['waiting', 'joined', 'active'])),
    );
}

/** A watcher of a session, as an invitation leaves it. */
export async function aSessionWatcher(db: Db, sessionId: string, userId: string, invitedBy: string): Promise<void> {
  await db.insert(sessionWatchers).values({ sessionId, userId, invitedBy });
}

import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { users } from '../users/tables.js';
import { sessionCodeFailures, sessionWatchers, supportSessions } from './tables.js';

import { openStatuses, type SessionRow } from './repository.js';

/**
 * The customer's side of the session rows: claiming a code (one conditional UPDATE), the wrong
 * codes of an address, the names the customer sees.
 */

/** The newest session of a chat that is not over (the one a technician escalated it into). */
export async function openSessionOfRequest(db: Queryable, requestId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(supportSessions)
    .where(and(eq(supportSessions.requestId, requestId), inArray(supportSessions.status, [...openStatuses])))
    .orderBy(sql`${supportSessions.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

/**
 * Spends a code: the waiting session with this code (of `companyId` when given) whose code has not
 * run out becomes `joined`, by one conditional UPDATE — of two customers racing for one code, one
 * gets the row and the other nothing. Sessions escalated from a chat carry no code.
 */
export async function claimCode(
  db: Queryable,
  codeHash: string,
  companyId: string | null,
  customerName: string | null,
  now: Date,
): Promise<SessionRow | null> {
  const [row] = await db
    .update(supportSessions)
    .set({
      status: 'joined',
      joinedAt: now,
      updatedAt: now,
      customerName: sql`coalesce(${customerName}::text, ${supportSessions.customerName})`,
    })
    .where(
      and(
        eq(supportSessions.codeHash, codeHash),
        eq(supportSessions.status, 'waiting'),
        gt(supportSessions.codeExpiresAt, now),
        companyId === null ? undefined : eq(supportSessions.companyId, companyId),
      ),
    )
    .returning();
  return row ?? null;
}

export async function setSessionRequest(db: Queryable, id: string, requestId: string): Promise<void> {
  await db.update(supportSessions).set({ requestId }).where(eq(supportSessions.id, id));
}

/** Changes a session only while it is in one of `from`: the caller learns whether it did. */
export async function updateSessionFrom(
  db: Queryable,
  id: string,
  from: readonly SessionRow['status'][],
  values: Partial<typeof supportSessions.$inferInsert>,
): Promise<SessionRow | null> {
  const [row] = await db
    .update(supportSessions)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(supportSessions.id, id), inArray(supportSessions.status, [...from])))
    .returning();
  return row ?? null;
}

/**
 * Holds the wrong-code count of one address until the transaction ends, so parallel attempts from
 * one address are counted one after another and never pass the limit together.
 */
export async function lockAddressFailures(db: Queryable, address: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`session-code:${address}`}, 0))`);
}

export async function recentFailures(db: Queryable, address: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionCodeFailures)
    .where(and(eq(sessionCodeFailures.address, address), gt(sessionCodeFailures.at, since)));
  return row?.n ?? 0;
}

export async function insertFailure(db: Queryable, address: string, at: Date): Promise<void> {
  await db.insert(sessionCodeFailures).values({ address, at });
}

/** What the customer is told of a session: the company, the owner, the technicians invited to watch. */
export async function namesOf(
  db: Queryable,
  session: Pick<SessionRow, 'id' | 'companyId' | 'technicianId'>,
): Promise<{ companyName: string; technicianName: string; watcherNames: string[] }> {
  const [company] = await db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, session.companyId))
    .limit(1);
  const [technician] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, session.technicianId))
    .limit(1);
  const watchers = await db
    .select({ name: users.name })
    .from(sessionWatchers)
    .innerJoin(users, eq(users.id, sessionWatchers.userId))
    .where(eq(sessionWatchers.sessionId, session.id))
    .orderBy(users.name);
  return {
    companyName: company?.name ?? '',
    technicianName: technician?.name ?? '',
    watcherNames: watchers.map((w) => w.name),
  };
}

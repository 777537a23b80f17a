import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { SessionKind, SessionOutcome, SessionStatus } from '../../../shared/contracts/sessions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { users } from '../users/tables.js';
import {
  sessionCodeFailures,
  sessionEvents,
  sessionRecordings,
  sessionSignals,
  sessionWatchers,
  supportSessions,
} from './tables.js';

export type SessionRow = typeof supportSessions.$inferSelect;
export type NewSession = typeof supportSessions.$inferInsert;

/** The statuses of a session that still holds its technician (the per-technician limit counts them). */
export const openStatuses = ['waiting', 'joined', 'active'] as const satisfies readonly SessionStatus[];

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

/**
 * Inserts a session; null when its code hash is already taken by a waiting session (the unique
 * index decides, whichever process inserted first), so the caller draws another code.
 */
export async function insertSession(db: Queryable, values: NewSession): Promise<SessionRow | null> {
  const [row] = await db.insert(supportSessions).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Changes a session; `where` adds a condition (a status it must still have). Null when nothing matched. */
export async function updateSession(
  db: Queryable,
  accountId: string,
  id: string,
  values: Partial<NewSession>,
  where?: SQL,
): Promise<SessionRow | null> {
  const [row] = await db
    .update(supportSessions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(supportSessions.accountId, accountId), eq(supportSessions.id, id), where))
    .returning();
  return row ?? null;
}

/** Changes a session that is not over (null when it is, or missing). */
export async function updateOpenSession(
  db: Queryable,
  accountId: string,
  id: string,
  values: Partial<NewSession>,
): Promise<SessionRow | null> {
  return updateSession(db, accountId, id, values, inArray(supportSessions.status, [...openStatuses]));
}

/**
 * Serialises the session changes of one technician (create, transfer to them) until the end of
 * the transaction, so two at once cannot both pass the per-technician limit.
 */
export async function lockTechnicianSessions(db: Queryable, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sessions:${userId}`}, 0))`);
}

/** How many sessions a technician holds that are not over. */
export async function countOpenSessions(db: Queryable, technicianId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(supportSessions)
    .where(and(eq(supportSessions.technicianId, technicianId), inArray(supportSessions.status, [...openStatuses])));
  return row?.n ?? 0;
}

/** A session with the names a list shows: its company, its technician, its watchers, whether a recording exists. */
export type SessionListRow = SessionRow & {
  companyName: string;
  technicianName: string;
  watchers: { id: string; name: string }[];
  /** a device session's device name (null when none, or deleted) */
  deviceName: string | null;
  hasRecording: boolean;
  /** microseconds since 1970 of `createdAt`, the keyset of lists */
  createdKey: string;
};

export interface SessionFilter {
  accountId: string;
  /** the companies the actor sees; null for all of the account's */
  visible: readonly string[] | null;
  companyId?: string;
  technicianId?: string;
  status?: SessionStatus;
  kind?: SessionKind;
  outcome?: SessionOutcome;
  /** first day (UTC), inclusive */
  from?: string;
  /** last day (UTC), inclusive */
  to?: string;
  minMinutes?: number;
  /** only these sessions */
  ids?: readonly string[];
}

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

function filterWhere(f: SessionFilter): SQL {
  const parts: SQL[] = [sql`s.account_id = ${f.accountId}`];
  if (f.visible !== null) parts.push(f.visible.length ? sql`s.company_id in (${uuidList(f.visible)})` : sql`false`);
  if (f.ids) parts.push(f.ids.length ? sql`s.id in (${uuidList(f.ids)})` : sql`false`);
  if (f.companyId) parts.push(sql`s.company_id = ${f.companyId}`);
  if (f.technicianId) parts.push(sql`s.technician_id = ${f.technicianId}`);
  if (f.status) parts.push(sql`s.status = ${f.status}`);
  if (f.kind) parts.push(sql`s.kind = ${f.kind}`);
  if (f.outcome) parts.push(sql`s.outcome = ${f.outcome}`);
  if (f.from) parts.push(sql`s.created_at >= ${f.from}::date::timestamp at time zone 'UTC'`);
  if (f.to) parts.push(sql`s.created_at < (${f.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (f.minMinutes !== undefined)
    parts.push(
      sql`s.started_at is not null and coalesce(s.ended_at, now()) - s.started_at >= make_interval(mins => ${f.minMinutes})`,
    );
  return sql.join(parts, sql` and `);
}

const listColumns = sql`
  s.*,
  c.name as company_name,
  t.name as technician_name,
  coalesce((select json_agg(json_build_object('id', w.user_id, 'name', wu.name) order by w.invited_at, w.user_id)
    from ${sessionWatchers} w join ${users} wu on wu.id = w.user_id where w.session_id = s.id), '[]'::json) as watchers,
  (select d.name from ${devices} d where d.id = s.device_id) as device_name,
  exists (select 1 from ${sessionRecordings} r where r.session_id = s.id) as has_recording,
  (extract(epoch from s.created_at) * 1000000)::bigint::text as created_key`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function mapListRow(r: Record<string, unknown>): SessionListRow {
  return {
    id: r.id as string,
    accountId: r.account_id as string,
    companyId: r.company_id as string,
    status: r.status as SessionStatus,
    kind: r.kind as SessionKind,
    deviceId: r.device_id as string | null,
    mode: r.mode as SessionRow['mode'],
    rebootRequestedAt: date(r.reboot_requested_at),
    technicianId: r.technician_id as string,
    createdBy: r.created_by as string | null,
    requestId: r.request_id as string | null,
    codeHash: r.code_hash as string | null,
    codeExpiresAt: date(r.code_expires_at),
    customerName: r.customer_name as string | null,
    recordingPolicy: r.recording_policy as SessionRow['recordingPolicy'],
    recorded: r.recorded as boolean,
    sharing: r.sharing as boolean,
    outcome: r.outcome as SessionOutcome | null,
    notes: r.notes as string | null,
    endedBy: r.ended_by as string | null,
    createdAt: new Date(r.created_at as string),
    joinedAt: date(r.joined_at),
    startedAt: date(r.started_at),
    endedAt: date(r.ended_at),
    updatedAt: new Date(r.updated_at as string),
    companyName: r.company_name as string,
    technicianName: r.technician_name as string,
    watchers: r.watchers as { id: string; name: string }[],
    deviceName: r.device_name as string | null,
    hasRecording: r.has_recording as boolean,
    createdKey: r.created_key as string,
  };
}

/** Newest first, keyset-paginated on (createdAt, id); `after` is the last row's (createdKey, id). */
export async function listSessions(
  db: Queryable,
  f: SessionFilter,
  limit: number,
  after: readonly [string, string] | null,
): Promise<SessionListRow[]> {
  const keyset = after
    ? sql` and (s.created_at, s.id) < (timestamptz 'epoch' + ${after[0]}::bigint * interval '1 microsecond', ${after[1]}::uuid)`
    : sql``;
  const result = await db.execute(sql`
    select ${listColumns}
    from ${supportSessions} s
    join ${companies} c on c.id = s.company_id
    join ${users} t on t.id = s.technician_id
    where ${filterWhere(f)}${keyset}
    order by s.created_at desc, s.id desc
    limit ${limit}`);
  return result.rows.map(mapListRow);
}

/** One session of an account with its names, or null. */
export async function findSessionWithNames(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<SessionListRow | null> {
  const [row] = await listSessions(db, { accountId, visible: null, ids: [id] }, 1, null);
  return row ?? null;
}

/** Appends entries to sessions' timelines, in one statement. */
export async function insertSessionEvents(
  db: Queryable,
  values: readonly (typeof sessionEvents.$inferInsert)[],
): Promise<void> {
  if (values.length) await db.insert(sessionEvents).values([...values]);
}

export type SessionEventRow = typeof sessionEvents.$inferSelect & { actorName: string | null };

/** A session's timeline in order, the actors' names joined in the same query. */
export async function timelineOf(db: Queryable, sessionId: string): Promise<SessionEventRow[]> {
  return db
    .select({
      id: sessionEvents.id,
      sessionId: sessionEvents.sessionId,
      type: sessionEvents.type,
      side: sessionEvents.side,
      actorId: sessionEvents.actorId,
      data: sessionEvents.data,
      at: sessionEvents.at,
      actorName: users.name,
    })
    .from(sessionEvents)
    .leftJoin(users, eq(users.id, sessionEvents.actorId))
    .where(eq(sessionEvents.sessionId, sessionId))
    .orderBy(asc(sessionEvents.id));
}

/** Whether the user is invited to watch the session. */
export async function isWatcher(db: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(sessionWatchers)
    .where(and(eq(sessionWatchers.sessionId, sessionId), eq(sessionWatchers.userId, userId)))
    .limit(1);
  return !!row;
}

/** Adds a watcher; false when they already were one. */
export async function insertWatcher(
  db: Queryable,
  values: { sessionId: string; userId: string; invitedBy: string },
): Promise<boolean> {
  const rows = await db.insert(sessionWatchers).values(values).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Removes a watcher; false when they were none. */
export async function deleteWatcher(db: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(sessionWatchers)
    .where(and(eq(sessionWatchers.sessionId, sessionId), eq(sessionWatchers.userId, userId)))
    .returning();
  return rows.length > 0;
}

/**
 * Waiting sessions whose code ran out become `expired` (outcome `expired`), at most `limit`, in one
 * statement; rows another sweep holds are skipped, so each is expired once.
 */
export async function expireWaiting(db: Queryable, now: Date, limit: number): Promise<SessionRow[]> {
  const due = db
    .select({ id: supportSessions.id })
    .from(supportSessions)
    .where(and(eq(supportSessions.status, 'waiting'), lt(supportSessions.codeExpiresAt, now)))
    .orderBy(asc(supportSessions.codeExpiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(supportSessions)
    .set({ status: 'expired', outcome: 'expired', endedAt: now, updatedAt: now })
    .where(and(inArray(supportSessions.id, due), eq(supportSessions.status, 'waiting')))
    .returning();
}

/** Removes signals older than `seconds` (of no use to anyone by then); how many. */
export async function deleteSignalsBefore(db: Queryable, before: Date): Promise<number> {
  const rows = await db
    .delete(sessionSignals)
    .where(lt(sessionSignals.createdAt, before))
    .returning({ id: sessionSignals.id });
  return rows.length;
}

/** Removes wrong-code records older than the throttle's window; how many. */
export async function deleteCodeFailuresBefore(db: Queryable, before: Date): Promise<number> {
  const rows = await db
    .delete(sessionCodeFailures)
    .where(lt(sessionCodeFailures.at, before))
    .returning({ id: sessionCodeFailures.id });
  return rows.length;
}

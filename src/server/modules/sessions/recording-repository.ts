import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { users } from '../users/tables.js';
import {
  sessionRecordingChunks,
  sessionRecordingParts,
  sessionRecordings,
  sessionSnapshots,
  supportSessions,
} from './tables.js';

export type RecordingRow = typeof sessionRecordings.$inferSelect;
const chunks = sessionRecordingChunks;

/** The session's recording; `lock` holds it against chunks and finishing in other transactions. */
export async function findRecording(db: Queryable, sessionId: string, { lock = false } = {}) {
  const query = db.select().from(sessionRecordings).where(eq(sessionRecordings.sessionId, sessionId)).limit(1);
  const [row] = lock ? await query.for('no key update') : await query;
  return row ?? null;
}

/** Recordings still open whose session ended before `endedBefore`: their page closed before finishing them. */
export async function abandonedRecordings(db: Queryable, endedBefore: Date, batch: number): Promise<string[]> {
  const rows = await db
    .select({ sessionId: sessionRecordings.sessionId })
    .from(sessionRecordings)
    .innerJoin(supportSessions, eq(supportSessions.id, sessionRecordings.sessionId))
    .where(
      and(
        eq(sessionRecordings.status, 'recording'),
        inArray(supportSessions.status, ['ended', 'expired']),
        lt(supportSessions.endedAt, endedBefore),
      ),
    )
    .limit(batch);
  return rows.map((r) => r.sessionId);
}

/** Creates the recording unless it exists; true when this call created it. */
export async function createRecording(
  db: Queryable,
  values: { sessionId: string; accountId: string; mimeType: string; deleteAfter: Date },
): Promise<boolean> {
  const rows = await db
    .insert(sessionRecordings)
    .values({ ...values, status: 'recording' })
    .onConflictDoNothing()
    .returning({ sessionId: sessionRecordings.sessionId });
  return rows.length > 0;
}

/** Stores a chunk unless its number is taken; true when stored. */
export async function insertChunk(db: Queryable, sessionId: string, seq: number, data: Buffer): Promise<boolean> {
  const rows = await db
    .insert(chunks)
    .values({ sessionId, seq, data })
    .onConflictDoNothing()
    .returning({ seq: chunks.seq });
  return rows.length > 0;
}

/** Whether the stored chunk `seq` has exactly these bytes (compared in the database). */
export async function sameChunk(db: Queryable, sessionId: string, seq: number, data: Buffer): Promise<boolean> {
  const [row] = await db
    .select({ same: sql<boolean>`${chunks.data} = ${data}` })
    .from(chunks)
    .where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq)));
  return row?.same === true;
}

/** A chunk was added: counts grow, and a finished recording is open again until finished anew. */
export async function countChunk(db: Queryable, sessionId: string, size: number): Promise<RecordingRow['status']> {
  const [row] = await db
    .update(sessionRecordings)
    .set({
      bytes: sql`${sessionRecordings.bytes} + ${size}`,
      chunkCount: sql`${sessionRecordings.chunkCount} + 1`,
      status: 'recording',
    })
    .where(eq(sessionRecordings.sessionId, sessionId))
    .returning({ status: sessionRecordings.status });
  return row?.status ?? 'recording';
}

/** Sets every chunk's place in the file (chunks in number order, gaps closed up); returns the highest number. */
export async function placeChunks(db: Queryable, sessionId: string): Promise<number | null> {
  await db.execute(sql`
    update support_session_recording_chunks c
       set byte_offset = placed.byte_offset
      from (select seq, sum(octet_length(data)) over (order by seq) - octet_length(data) as byte_offset
              from support_session_recording_chunks
             where session_id = ${sessionId}) placed
     where c.session_id = ${sessionId} and c.seq = placed.seq`);
  return lastChunkSeq(db, sessionId);
}

/**
 * A finished recording opened again by a late chunk: its parts go, and its chunks' places too (a
 * chunk that filled a gap moves those after it), so until it is finished again they are counted.
 */
export async function unplaceChunks(db: Queryable, sessionId: string): Promise<void> {
  await replaceParts(db, sessionId, []);
  await db.update(chunks).set({ byteOffset: null }).where(eq(chunks.sessionId, sessionId));
}

/** The highest chunk number received, or null when none. */
export async function lastChunkSeq(db: Queryable, sessionId: string): Promise<number | null> {
  const [row] = await db
    .select({ last: sql<number | null>`max(${chunks.seq})` })
    .from(chunks)
    .where(eq(chunks.sessionId, sessionId));
  return row?.last ?? null;
}

/** Chunks in number order, `batch` at a time, from one after `afterSeq`. */
export async function chunksAfter(db: Queryable, sessionId: string, afterSeq: number, batch: number) {
  return db
    .select({ seq: chunks.seq, data: chunks.data })
    .from(chunks)
    .where(and(eq(chunks.sessionId, sessionId), gt(chunks.seq, afterSeq)))
    .orderBy(asc(chunks.seq))
    .limit(batch);
}

/**
 * The parts of chunks that cover bytes `from`…`to` (inclusive) of the chunks laid end to end in
 * number order, up to `batch` chunks: each with where its part starts and the part itself.
 */
export async function chunkBytes(db: Queryable, sessionId: string, from: number, to: number, batch: number) {
  const result = await db.execute<{ start: string; part: Buffer }>(sql`
    with placed as (
      select seq, octet_length(data) as size,
             coalesce(byte_offset, sum(octet_length(data)) over (order by seq) - octet_length(data)) as byte_offset
        from support_session_recording_chunks
       where session_id = ${sessionId})
    select greatest(p.byte_offset, ${from}::bigint)::text as start,
           substring(c.data from (greatest(p.byte_offset, ${from}::bigint) - p.byte_offset + 1)::int
                     for (least(p.byte_offset + p.size - 1, ${to}::bigint) - greatest(p.byte_offset, ${from}::bigint) + 1)::int) as part
      from placed p
      join support_session_recording_chunks c on c.session_id = ${sessionId} and c.seq = p.seq
     where p.byte_offset + p.size > ${from}::bigint and p.byte_offset <= ${to}::bigint
     order by p.seq
     limit ${batch}`);
  return result.rows.map((row) => ({ start: Number(row.start), part: row.part }));
}

/**
 * Writes the finish if the recording is still open with `chunkCount` chunks (the count it was read
 * at: it only grows, so an equal count means no chunk arrived since); true when written.
 */
export async function markFinished(
  db: Queryable,
  sessionId: string,
  chunkCount: number,
  values: Pick<RecordingRow, 'status' | 'durationMs' | 'finishedAt'>,
): Promise<boolean> {
  const rows = await db
    .update(sessionRecordings)
    .set(values)
    .where(
      and(
        eq(sessionRecordings.sessionId, sessionId),
        eq(sessionRecordings.status, 'recording'),
        eq(sessionRecordings.chunkCount, chunkCount),
      ),
    )
    .returning({ sessionId: sessionRecordings.sessionId });
  return rows.length > 0;
}

// --- parts

type PartValues = Omit<typeof sessionRecordingParts.$inferInsert, 'sessionId' | 'part'>;

/** A finished recording's parts, in order (what was there before goes). */
export async function replaceParts(db: Queryable, sessionId: string, parts: PartValues[]): Promise<void> {
  await db.delete(sessionRecordingParts).where(eq(sessionRecordingParts.sessionId, sessionId));
  if (parts.length === 0) return;
  await db.insert(sessionRecordingParts).values(
    parts.map(({ firstSeq, byteStart, bytes, durationMs, seekableHeader, replacedBytes }, part) => ({
      sessionId,
      part,
      firstSeq,
      byteStart,
      bytes,
      durationMs,
      seekableHeader,
      replacedBytes,
    })),
  );
}

/** A finished recording's parts without their headers, in order. */
export async function listParts(db: Queryable, sessionId: string) {
  return db
    .select({ durationMs: sessionRecordingParts.durationMs, bytes: sessionRecordingParts.bytes })
    .from(sessionRecordingParts)
    .where(eq(sessionRecordingParts.sessionId, sessionId))
    .orderBy(asc(sessionRecordingParts.part));
}

export async function findPart(db: Queryable, sessionId: string, part: number) {
  const [row] = await db
    .select()
    .from(sessionRecordingParts)
    .where(and(eq(sessionRecordingParts.sessionId, sessionId), eq(sessionRecordingParts.part, part)));
  return row ?? null;
}

// --- snapshots

const snapshotColumns = {
  id: sessionSnapshots.id,
  sessionId: sessionSnapshots.sessionId,
  contentType: sessionSnapshots.contentType,
  width: sessionSnapshots.width,
  height: sessionSnapshots.height,
  size: sql<number>`octet_length(${sessionSnapshots.data})`.mapWith(Number),
  takenAt: sessionSnapshots.takenAt,
  takenById: sessionSnapshots.takenBy,
  takenByName: users.name,
};

export type SnapshotRow = Awaited<ReturnType<typeof listSnapshots>>[number];

export async function countSnapshots(db: Queryable, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(sessionSnapshots)
    .where(eq(sessionSnapshots.sessionId, sessionId));
  return row?.n ?? 0;
}

export async function insertSnapshot(db: Queryable, values: typeof sessionSnapshots.$inferInsert) {
  const [row] = await db.insert(sessionSnapshots).values(values).returning({ id: sessionSnapshots.id });
  if (!row) throw new Error('snapshot insert returned nothing');
  return row.id;
}

/** A session's snapshots (or the one named), newest first, without their bytes. */
export async function listSnapshots(db: Queryable, sessionId: string, onlyId?: string) {
  return db
    .select(snapshotColumns)
    .from(sessionSnapshots)
    .leftJoin(users, eq(users.id, sessionSnapshots.takenBy))
    .where(
      and(
        eq(sessionSnapshots.sessionId, sessionId),
        onlyId === undefined ? undefined : eq(sessionSnapshots.id, onlyId),
      ),
    )
    .orderBy(desc(sessionSnapshots.takenAt), desc(sessionSnapshots.id));
}

export async function findSnapshot(db: Queryable, sessionId: string, id: string) {
  const [row] = await db
    .select({
      contentType: sessionSnapshots.contentType,
      data: sessionSnapshots.data,
      takenAt: sessionSnapshots.takenAt,
    })
    .from(sessionSnapshots)
    .where(and(eq(sessionSnapshots.sessionId, sessionId), eq(sessionSnapshots.id, id)));
  return row ?? null;
}

// --- retention

/** Removes up to `batch` recordings (their chunks go with them) whose time is up; returns how many. */
export async function deleteExpiredRecordings(db: Queryable, batch: number): Promise<number> {
  const result = await db.execute(sql`
    delete from support_session_recordings
     where session_id in (select session_id from support_session_recordings
                           where delete_after < now() order by delete_after limit ${batch})`);
  return result.rowCount ?? 0;
}

/** Companies whose sessions have snapshots older than `minDays` (none can expire sooner), by account. */
export async function companiesWithOldSnapshots(db: Queryable, minDays: number) {
  const result = await db.execute<{ accountId: string; companyId: string }>(sql`
    select distinct s.account_id as "accountId", s.company_id as "companyId"
      from support_session_snapshots p
      join support_sessions s on s.id = p.session_id
     where p.taken_at < now() - make_interval(days => ${minDays})`);
  return result.rows;
}

/** Removes up to `batch` snapshots of the company's sessions taken more than `days` ago; returns how many. */
export async function deleteOldSnapshots(db: Queryable, companyId: string, days: number, batch: number) {
  const result = await db.execute(sql`
    delete from support_session_snapshots
     where id in (select p.id from support_session_snapshots p
                    join support_sessions s on s.id = p.session_id
                   where s.company_id = ${companyId} and p.taken_at < now() - make_interval(days => ${days})
                   limit ${batch})`);
  return result.rowCount ?? 0;
}

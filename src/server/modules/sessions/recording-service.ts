import type { RecordingInfo } from '../../../shared/contracts/sessions.js';
import { roleCan } from '../../../shared/permissions.js';
import { requireScoped } from '../../platform/access.js';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { userSeats } from '../seats/index.js';
import { loadSettings } from '../settings/index.js';
import * as repo from './recording-repository.js';
import { findSession, isWatcher, type SessionRow } from './repository.js';
import { recordSessionEvent } from './timeline.js';
import { readParts, type RecordingPart } from './recording-parts.js';

/** After the session ends, chunks still in flight from the technician's page are taken this long. */
const lateChunkMs = 5 * 60_000;
const noRecording = () => notFound('This recording');

/** A session of the actor's account and companies (404 otherwise, as a missing one). */
export async function visibleSession(db: Queryable, actor: Actor, id: string, lock = false): Promise<SessionRow> {
  return requireScoped(
    actor,
    await findSession(db, actor.accountId, id, { forUpdate: lock }),
    undefined,
    'This session',
  );
}

export async function requireRemoteSupportSeat(db: Queryable, actor: Actor, toDo: string): Promise<void> {
  const seats = (await userSeats(db, actor.accountId, [actor.userId])).get(actor.userId) ?? [];
  if (!seats.includes('remoteSupport'))
    throw new AppError('forbidden', `You need a Remote Support seat to ${toDo}. Ask an administrator.`, {
      reason: 'seat_required',
      module: 'remoteSupport',
    });
}

/** The one who records: the session's technician, with a seat, while it runs (or just after it ended). */
async function recordableSession(db: Queryable, actor: Actor, id: string): Promise<SessionRow> {
  const session = await visibleSession(db, actor, id);
  if (!roleCan(actor.role, 'sessions.run') || session.technicianId !== actor.userId)
    throw forbidden('Only the technician who runs this session records it.');
  await requireRemoteSupportSeat(db, actor, 'record a session');
  if (!session.recorded) throw conflict('This session is not recorded.');
  const justEnded =
    session.status === 'ended' && !!session.endedAt && Date.now() - session.endedAt.getTime() < lateChunkMs;
  if (session.status !== 'active' && !justEnded) throw conflict('This session is not running: it takes no recording.');
  return session;
}

/**
 * Who may watch a session's recording: `recordings.watch` (administrators) any within their
 * companies; `recordings.watchOwn` (technicians) those of sessions they ran or were invited to.
 */
async function watchableRecording(db: Queryable, actor: Actor, id: string) {
  const session = await visibleSession(db, actor, id);
  if (!roleCan(actor.role, 'recordings.watch')) {
    const own =
      session.technicianId === actor.userId ||
      session.createdBy === actor.userId ||
      (await isWatcher(db, session.id, actor.userId));
    if (!roleCan(actor.role, 'recordings.watchOwn') || !own)
      throw forbidden('Only the technicians of this session and administrators may watch its recording.');
  }
  const recording = await repo.findRecording(db, session.id);
  if (!recording) throw noRecording();
  return { session, recording };
}

/**
 * Stores one numbered chunk. The first creates the recording (kept the company's
 * `sessions.recordingRetentionDays`, read only then) and says so on the timeline. The same number
 * again with the same bytes is a retry (nothing changes); with other bytes, a conflict.
 */
export async function putChunk(db: Db, actor: Actor, id: string, seq: number, data: unknown) {
  if (!Buffer.isBuffer(data) || data.length === 0)
    throw new AppError('validation_failed', 'Send the chunk as the request body (video/webm), not empty.');
  return db.transaction(async (tx) => {
    const session = await recordableSession(tx, actor, id);
    const recording =
      (await repo.findRecording(tx, session.id, { lock: true })) ?? (await startRecording(tx, session, actor));
    if (await repo.insertChunk(tx, session.id, seq, data)) {
      // a late chunk opens a finished recording again: its parts and places are made anew when it is finished
      if (recording.status !== 'recording') await repo.unplaceChunks(tx, session.id);
      const status = await repo.countChunk(tx, session.id, data.length);
      return { seq, size: data.length, created: true, status };
    }
    if (!(await repo.sameChunk(tx, session.id, seq, data)))
      throw conflict(`Chunk ${seq} of this recording was already received with other bytes.`);
    return { seq, size: data.length, created: false, status: recording.status };
  });
}

/** The first chunk starts the recording (once, however many first chunks arrive together) and locks it. */
async function startRecording(tx: Queryable, session: SessionRow, actor: Actor): Promise<repo.RecordingRow> {
  const settings = await loadSettings(tx, session.accountId, [session.companyId]);
  const days = settings.get('sessions.recordingRetentionDays', session.companyId);
  const created = await repo.createRecording(tx, {
    sessionId: session.id,
    accountId: session.accountId,
    mimeType: 'video/webm',
    deleteAfter: new Date(Date.now() + days * 86_400_000),
  });
  if (created)
    await recordSessionEvent(tx, {
      sessionId: session.id,
      type: 'recording_started',
      side: 'technician',
      actorId: actor.userId,
    });
  const recording = await repo.findRecording(tx, session.id, { lock: true });
  if (!recording) throw noRecording();
  return recording;
}

/** The technician says the recording is over (their page does, after its last chunk). */
export async function finishOwnRecording(db: Db, ctx: RequestContext, actor: Actor, id: string) {
  const session = await visibleSession(db, actor, id);
  if (!roleCan(actor.role, 'sessions.run') || session.technicianId !== actor.userId)
    throw forbidden('Only the technician who runs this session records it.');
  const finished = await finishRecording(db, session.id, { ctx, actorId: actor.userId });
  if (!finished) throw noRecording();
  return finished;
}

/** A finish gives way to chunks arriving while it reads this many times, then answers the recording as it is. */
const finishAttempts = 3;

/**
 * Finishes a session's recording with the chunks that arrived: places them end to end in number
 * order (gaps closed up and counted as `missing`), reads the WebM and writes the header that gives
 * it a duration and cues, then `ready` (or `failed` when nothing playable arrived) and
 * `recording_stopped` on the timeline. Does nothing to a finished one; null when there is none.
 * The technician's page calls it after its last chunk; the sessions sweep for a page that closed.
 *
 * The chunks are read and the header made outside any transaction (a long recording is read a few
 * chunks at a time, holding no lock); only the final write is a transaction, and it applies only
 * if the recording is still open with the chunk count it was read at (`chunk_count` only grows).
 * Another finish that wrote first: its answer is this one's. A chunk that arrived meanwhile is
 * kept (as any late chunk, it opens the recording again) and the finish reads again.
 */
export async function finishRecording(
  db: Db,
  sessionId: string,
  by: { ctx: RequestContext; actorId: string } | null = null,
): Promise<RecordingInfo | null> {
  for (let attempt = 1; ; attempt++) {
    const recording = await repo.findRecording(db, sessionId);
    if (!recording) return null;
    if (recording.status !== 'recording' || attempt > finishAttempts) return currentInfo(db, recording);
    const parts = await readParts(db, sessionId);
    const written = await writeFinished(db, recording, parts, by);
    if (written) return written;
  }
}

/** The finish's one transaction: null when the recording changed since it was read (nothing written). */
async function writeFinished(
  db: Db,
  read: repo.RecordingRow,
  parts: RecordingPart[],
  by: { ctx: RequestContext; actorId: string } | null,
): Promise<RecordingInfo | null> {
  const { sessionId } = read;
  const playable = parts.flatMap(({ seekable, ...part }) =>
    seekable
      ? [
          {
            ...part,
            durationMs: seekable.durationMs,
            seekableHeader: seekable.header,
            replacedBytes: seekable.replacedBytes,
          },
        ]
      : [],
  );
  const values = {
    status: playable.length > 0 ? ('ready' as const) : ('failed' as const),
    durationMs: playable.length > 0 ? playable.reduce((sum, part) => sum + part.durationMs, 0) : null,
    finishedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    if (!(await repo.markFinished(tx, sessionId, read.chunkCount, values))) return null;
    await repo.replaceParts(tx, sessionId, playable);
    const last = await repo.placeChunks(tx, sessionId);
    const info = infoOf({ ...read, ...values }, last, playable);
    await recordSessionEvent(tx, {
      sessionId,
      type: 'recording_stopped',
      side: by ? 'technician' : 'system',
      actorId: by?.actorId ?? null,
      data: {
        status: info.status,
        bytes: info.bytes,
        chunks: info.chunks,
        missing: info.missing,
        durationMs: info.durationMs,
        parts: info.parts.length,
      },
    });
    if (by)
      await recordAudit(tx, by.ctx, {
        action: 'session.recording_finish',
        objectType: 'session',
        objectId: sessionId,
        after: { status: info.status, bytes: info.bytes, chunks: info.chunks, missing: info.missing },
      });
    return info;
  });
}

/**
 * Finishes the recordings whose technician's page closed before finishing them: once their session
 * has been over longer than late chunks are taken, what arrived is made seekable and kept.
 */
export async function finishAbandonedRecordings(db: Db, now = new Date(), batch = 20): Promise<number> {
  const ids = await repo.abandonedRecordings(db, new Date(now.getTime() - lateChunkMs), batch);
  for (const id of ids) await finishRecording(db, id);
  return ids.length;
}

/** The recording as it is, with its parts when finished. */
async function currentInfo(db: Queryable, recording: repo.RecordingRow): Promise<RecordingInfo> {
  const parts = recording.status === 'ready' ? await repo.listParts(db, recording.sessionId) : [];
  return infoOf(recording, await repo.lastChunkSeq(db, recording.sessionId), parts);
}

function infoOf(
  recording: repo.RecordingRow,
  last: number | null,
  parts: { durationMs: number; bytes: number }[],
): RecordingInfo {
  return {
    status: recording.status,
    mimeType: recording.mimeType,
    bytes: recording.bytes,
    chunks: recording.chunkCount,
    missing: last === null ? 0 : Math.max(0, last + 1 - recording.chunkCount),
    durationMs: recording.durationMs,
    parts: parts.map(({ durationMs, bytes }) => ({ durationMs, bytes })),
    startedAt: recording.startedAt.toISOString(),
    finishedAt: recording.finishedAt?.toISOString() ?? null,
    deleteAfter: recording.deleteAfter.toISOString(),
  };
}

export async function recordingInfo(db: Db, actor: Actor, id: string): Promise<RecordingInfo> {
  const { recording } = await watchableRecording(db, actor, id);
  return currentInfo(db, recording);
}

/**
 * The file served for a part: a finished recording's part with its seekable header in place of its
 * first bytes; one not finished (or with nothing playable) is served as its chunks are, in one part.
 */
async function playedFile(db: Queryable, recording: repo.RecordingRow, index: number) {
  const whole = { header: null, replaced: 0, byteStart: 0, bytes: recording.bytes };
  if (recording.status !== 'ready') {
    if (index > 0) throw notFound('This part of the recording');
    return whole;
  }
  const part = await repo.findPart(db, recording.sessionId, index);
  if (!part) throw notFound('This part of the recording');
  return { header: part.seekableHeader, replaced: part.replacedBytes, byteStart: part.byteStart, bytes: part.bytes };
}

/** The bytes asked for, inclusive; `partial` when a Range asked for them. */
type ByteRange = { start: number; end: number; partial: boolean };

/**
 * Reads a `Range: bytes=…` header against a file of `size` bytes: one range, as browsers ask
 * when seeking. No header, several ranges or one that cannot be read: the whole file. A range
 * starting past the end: `unsatisfiable` (416).
 */
function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' {
  const whole = { start: 0, end: size - 1, partial: false };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return whole;
  const [first, second] = [match[1] ?? '', match[2] ?? ''];
  if (first === '') {
    const suffix = Number(second);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1, partial: true };
  }
  const start = Number(first);
  const end = second === '' ? size - 1 : Math.min(Number(second), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return whole;
  return { start, end, partial: true };
}

export interface Playback {
  size: number;
  range: ByteRange | 'unsatisfiable';
  mimeType: string;
  fileName: string;
  body: () => AsyncGenerator<Buffer>;
}

/**
 * A recording to watch or download: the new header, then the chunks after the bytes it replaces
 * (a recording not finished yet: the chunks as they are), read a few chunks at a time. One audit
 * row per viewing: a request from the start of the file (the player's first) or a download, not
 * each later range the player asks while seeking, nor a HEAD request.
 */
export async function openPlayback(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  {
    range: rangeHeader,
    download,
    head,
    part: partIndex = 0,
  }: { range: string | undefined; download: boolean; head: boolean; part?: number | undefined },
): Promise<Playback> {
  const { session, recording } = await watchableRecording(db, actor, id);
  const file = await playedFile(db, recording, partIndex);
  const { header, replaced, byteStart } = file;
  const headerSize = header?.length ?? 0;
  const size = headerSize + file.bytes - replaced;
  const range = byteRange(rangeHeader, size);
  if (!head && (download || (range !== 'unsatisfiable' && range.start === 0))) {
    await db.transaction(async (tx) =>
      recordAudit(tx, ctx, {
        action: download ? 'session.recording_download' : 'session.recording_view',
        objectType: 'session',
        objectId: session.id,
        after: { companyId: session.companyId, bytes: size, part: partIndex },
      }),
    );
  }
  const day = recording.startedAt.toISOString().slice(0, 10);
  const suffix = partIndex > 0 ? `-part${partIndex + 1}` : '';
  return {
    size,
    range,
    mimeType: recording.mimeType,
    fileName: `session-recording-${day}-${session.id.slice(0, 8)}${suffix}.webm`,
    body: async function* () {
      if (range === 'unsatisfiable') return;
      let at = range.start;
      if (header && at < headerSize) {
        const part = header.subarray(at, Math.min(range.end + 1, headerSize));
        yield part;
        at += part.length;
      }
      const shift = byteStart + replaced - headerSize;
      while (at <= range.end) {
        const parts = await repo.chunkBytes(db, session.id, at + shift, range.end + shift, 4);
        if (parts.length === 0) return;
        for (const { part } of parts) {
          yield part;
          at += part.length;
        }
      }
    },
  };
}

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/platform/db/pool.js';
import {
  sessionEvents,
  sessionRecordingParts,
  sessionRecordings,
  sessionSnapshots,
  sessionWatchers,
  supportSessions,
} from '../../src/server/modules/sessions/tables.js';

/** A session as the technician's API leaves it: active (or as told), recorded unless told. */
export async function aRecordedSession(
  db: Db,
  account: { id: string },
  companyId: string,
  technicianId: string,
  options: { recorded?: boolean; status?: 'active' | 'ended' | 'joined'; endedMinutesAgo?: number } = {},
): Promise<string> {
  const ended = options.endedMinutesAgo !== undefined;
  const [row] = await db
    .insert(supportSessions)
    .values({
      accountId: account.id,
      companyId,
      technicianId,
      createdBy: technicianId,
      status: options.status ?? (ended ? 'ended' : 'active'),
      recordingPolicy: 'optional',
      recorded: options.recorded ?? true,
      startedAt: new Date(),
      endedAt: ended ? new Date(Date.now() - (options.endedMinutesAgo ?? 0) * 60_000) : null,
    })
    .returning({ id: supportSessions.id });
  return row!.id;
}

export async function inviteWatcher(db: Db, sessionId: string, userId: string): Promise<void> {
  await db.insert(sessionWatchers).values({ sessionId, userId });
}

export async function timelineTypes(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .select()
    .from(sessionEvents)
    .where(eq(sessionEvents.sessionId, sessionId))
    .orderBy(sessionEvents.id);
  return rows.map((r) => r.type);
}

export async function recordingRow(db: Db, sessionId: string) {
  const [row] = await db.select().from(sessionRecordings).where(eq(sessionRecordings.sessionId, sessionId));
  return row ?? null;
}

/** A finished recording's parts, in order. */
export async function partRows(db: Db, sessionId: string) {
  return db
    .select()
    .from(sessionRecordingParts)
    .where(eq(sessionRecordingParts.sessionId, sessionId))
    .orderBy(sessionRecordingParts.part);
}

/** The recording's time is up (as if its retention ended `days` ago). */
export async function expireRecording(db: Db, sessionId: string): Promise<void> {
  await db
    .update(sessionRecordings)
    .set({ deleteAfter: sql`now() - interval '1 minute'` })
    .where(eq(sessionRecordings.sessionId, sessionId));
}

/** The session's snapshots were taken `days` ago. */
export async function ageSnapshots(db: Db, sessionId: string, days: number): Promise<void> {
  await db
    .update(sessionSnapshots)
    .set({ takenAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(sessionSnapshots.sessionId, sessionId));
}

export async function snapshotCount(db: Db, sessionId: string): Promise<number> {
  return (await db.select().from(sessionSnapshots).where(eq(sessionSnapshots.sessionId, sessionId))).length;
}

/**
 * Three seconds of a test pattern as a browser's MediaRecorder writes WebM (made once with
 * `ffmpeg -f lavfi -i testsrc=duration=3:size=320x240:rate=10 -c:v libvpx -g 5 -cluster_time_limit 500
 * -live 1 -f webm pipe:1`): written to a pipe, so with no duration and no cues.
 */
export const liveWebm = (): Buffer => readFileSync(new URL('../fixtures/recording-live-3s.webm', import.meta.url));

const installed = (name: string) => [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((p) => existsSync(p));

/** `ffprobe`'s duration of a file in seconds, or null when ffprobe is not installed. */
export function probedDuration(path: string): number | null {
  const ffprobe = installed('ffprobe');
  if (!ffprobe) return null;
  const out = execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]);
  return Number(out.toString().trim());
}

/** How many video frames `ffprobe` decodes from the file, or null when ffprobe is not installed. */
export function decodedFrames(path: string): number | null {
  const ffprobe = installed('ffprobe');
  if (!ffprobe) return null;
  const args = ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path];
  return Number(execFileSync(ffprobe, args).toString().trim());
}

/**
 * One decoded frame as raw RGB, by `ffmpeg`: the `frame`th from the start, or the first at or after
 * `seconds` when seeking there (as a player does); null when ffmpeg is not installed. Any decoding
 * error fails the call.
 */
export function decodedFrame(path: string, at: { frame: number } | { seconds: number }): Buffer | null {
  const ffmpeg = installed('ffmpeg');
  if (!ffmpeg) return null;
  const where =
    'frame' in at ? ['-i', path, '-vf', `select=eq(n\\,${at.frame})`] : ['-ss', String(at.seconds), '-i', path];
  return execFileSync(ffmpeg, [
    '-v',
    'error',
    '-xerror',
    ...where,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
}

/** A PNG header of the given size (enough for the server, which reads only the header). */
export function pngOf(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    ihdr,
    Buffer.alloc(4),
  ]);
}

/** `count` snapshots of the session stored at once, as if taken one by one. */
export async function manySnapshots(db: Db, sessionId: string, takenBy: string, count: number): Promise<void> {
  await db.insert(sessionSnapshots).values(
    Array.from({ length: count }, () => ({
      sessionId,
      takenBy,
      contentType: 'image/png',
      data: pngOf(2, 2),
      width: 2,
      height: 2,
    })),
  );
}

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import {
  applyRecordingRetention,
  finishAbandonedRecordings,
  finishRecording,
} from '../../src/server/modules/sessions/index.js';

import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { anAccount, anAccountSetting, auditRowsOf, aUser } from '../support/builders/index.js';
import {
  ageSnapshots,
  aRecordedSession,
  expireRecording,
  inviteWatcher,
  liveWebm,
  manySnapshots,
  partRows,
  pngOf,
  probedDuration,
  recordingRow,
  snapshotCount,
  timelineTypes,
} from './sessions-recording-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Rec' });
const [home, other] = account.companyIds;
const seats = ['remoteSupport'] as const;
const owner = await aUser(db, account, { role: 'technician', companies: [home], seats });
const watcher = await aUser(db, account, { role: 'technician', companies: [home], seats });
const bystander = await aUser(db, account, { role: 'technician', companies: [home], seats });
const outsider = await aUser(db, account, { role: 'technician', companies: [other], seats });
const viewer = await aUser(db, account, { role: 'viewer', companies: [home] });
const as = {
  owner: await signIn(app, owner.email),
  watcher: await signIn(app, watcher.email),
  bystander: await signIn(app, bystander.email),
  outsider: await signIn(app, outsider.email),
  viewer: await signIn(app, viewer.email),
  admin: await signIn(app, account.admin.email),
};

const webm = liveWebm();
/** the file cut where MediaRecorder would cut it: anywhere, not on cluster boundaries */
const cuts = [0, 1000, 9000, 21000, 33333, webm.length];
const chunks = cuts.slice(1).map((end, i) => webm.subarray(cuts[i], end));

const putChunk = (caller: Caller, id: string, seq: number, data: Buffer, type = 'video/webm;codecs=vp8') =>
  call(app, caller, {
    method: 'PUT',
    url: `/api/v1/sessions/${id}/recording/chunks/${seq}`,
    headers: { 'content-type': type },
    payload: data,
  });
const finish = (caller: Caller, id: string) =>
  call(app, caller, { method: 'POST', url: `/api/v1/sessions/${id}/recording/finish` });
const watch = (caller: Caller, id: string, range?: string, query = '') =>
  call(app, caller, {
    method: 'GET',
    url: `/api/v1/sessions/${id}/recording${query}`,
    headers: range ? { range } : {},
  });

const snap = (caller: Caller, id: string, body: Buffer, type = 'image/png') =>
  call(app, caller, {
    method: 'POST',
    url: `/api/v1/sessions/${id}/snapshots`,
    headers: { 'content-type': type },
    payload: body,
  });

async function recordedSessionWithAllChunks(): Promise<string> {
  const id = await aRecordedSession(db, account, home, owner.id);
  for (const seq of [2, 0, 4, 1, 3]) expect((await putChunk(as.owner, id, seq, chunks[seq]!)).statusCode).toBe(201);
  return id;
}

describe('recording upload and finish', () => {
  it('puts chunks sent out of order and retried into one seekable file with its duration', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const seq of [3, 0, 4, 1]) expect((await putChunk(as.owner, id, seq, chunks[seq]!)).statusCode).toBe(201);
    const retry = await putChunk(as.owner, id, 3, chunks[3]!, 'application/octet-stream');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ seq: 3, created: false });
    const changed = await putChunk(as.owner, id, 3, Buffer.from('other bytes'));
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('conflict');
    expect((await putChunk(as.owner, id, 2, chunks[2]!)).statusCode).toBe(201);

    const finished = await finish(as.owner, id);
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ status: 'ready', chunks: 5, missing: 0, bytes: webm.length });
    expect(finished.json().durationMs).toBe(3000);
    expect((await finish(as.owner, id)).json()).toEqual(finished.json());
    expect(await timelineTypes(db, id)).toEqual(['recording_started', 'recording_stopped']);

    const [row, ...more] = await partRows(db, id);
    expect(more).toEqual([]);
    expect(finished.json().parts).toEqual([{ durationMs: 3000, bytes: webm.length }]);
    // the new header carries a Duration (0x4489) and Cues (0x1C53BB6B) to seek by
    expect(row!.seekableHeader.includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBe(true);
    expect(row!.seekableHeader.includes(Buffer.from([0x44, 0x89]))).toBe(true);
    const expected = Buffer.concat([row!.seekableHeader, webm.subarray(row!.replacedBytes)]);
    const whole = await watch(as.owner, id);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['content-security-policy']).toContain("default-src 'none'");
    expect(whole.rawPayload.equals(expected)).toBe(true);

    const file = join(tmpdir(), `recording-${id}.webm`);
    writeFileSync(file, whole.rawPayload);
    const seconds = probedDuration(file);
    if (seconds === null) console.warn('ffprobe is not installed (/usr/bin/ffprobe): the duration check is skipped');
    else expect(seconds).toBeCloseTo(3, 1);
  });

  it('answers a Range with exactly those bytes (206), across the header and chunk boundaries', async () => {
    const id = await recordedSessionWithAllChunks();
    await finish(as.owner, id);
    const full = (await watch(as.owner, id)).rawPayload;
    for (const [range, start, end] of [
      ['bytes=100-199', 100, 199],
      ['bytes=200-25000', 200, 25000],
      ['bytes=30000-', 30000, full.length - 1],
      ['bytes=-500', full.length - 500, full.length - 1],
    ] as const) {
      const res = await watch(as.owner, id, range);
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${full.length}`);
      expect(res.rawPayload.equals(full.subarray(start, end + 1)), range).toBe(true);
    }
    const outside = await watch(as.owner, id, `bytes=${full.length}-`);
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${full.length}`);
  });

  it('stores each chunk once when the first chunks and retries arrive at the same time', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    const answers = await Promise.all(
      [0, 1, 2, 3, 4, 0, 1, 2, 3, 4].map((seq) => putChunk(as.owner, id, seq, chunks[seq]!)),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201, 201, 201, 201, 201]);
    expect(await recordingRow(db, id)).toMatchObject({ chunkCount: 5, bytes: webm.length });
    expect(await timelineTypes(db, id)).toEqual(['recording_started']);
    expect((await finish(as.owner, id)).json()).toMatchObject({ status: 'ready', missing: 0, durationMs: 3000 });
  });

  it('keeps what arrived when a chunk never came, and says how many are missing', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const seq of [0, 1, 2, 4]) await putChunk(as.owner, id, seq, chunks[seq]!);
    const info = (await finish(as.owner, id)).json();
    expect(info).toMatchObject({ missing: 1, chunks: 4, bytes: webm.length - chunks[3]!.length });
    expect((await call(app, as.owner, { method: 'GET', url: `/api/v1/sessions/${id}/recording/info` })).json()).toEqual(
      info,
    );
    expect(info.status).toBe('ready');
    expect(info.durationMs).toBeGreaterThan(0);
  });

  it('finishes, in the sessions sweep, a recording its page never finished once the session is over', async () => {
    const open = await aRecordedSession(db, account, home, owner.id);
    const justOver = await aRecordedSession(db, account, home, owner.id, { endedMinutesAgo: 1 });
    const longOver = await aRecordedSession(db, account, home, owner.id, { endedMinutesAgo: 1 });
    for (const id of [open, justOver, longOver]) await putChunk(as.owner, id, 0, chunks[0]!);
    // six minutes later: late chunks are no longer taken for the session that ended, so it is finished
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await finishAbandonedRecordings(db, later)).toBe(2);
    expect((await recordingRow(db, justOver))!.status).not.toBe('recording');
    expect((await recordingRow(db, longOver))!.status).not.toBe('recording');
    expect((await recordingRow(db, open))!.status).toBe('recording');
    expect(await finishAbandonedRecordings(db, later)).toBe(0);
  });

  it('finishes a recording whose page closed mid-session when the session ends (finishRecording)', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    await putChunk(as.owner, id, 0, chunks[0]!);
    await putChunk(as.owner, id, 1, chunks[1]!);
    await putChunk(as.owner, id, 2, chunks[2]!);
    const info = await finishRecording(db, id);
    expect(info).toMatchObject({ status: 'ready', missing: 0, chunks: 3 });
    expect(info!.durationMs).toBeGreaterThan(0);
    expect(await finishRecording(db, await aRecordedSession(db, account, home, owner.id))).toBeNull();
  });

  it('takes chunks only from the session’s technician, while a recorded session runs or just ended', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    expect((await putChunk(as.bystander, id, 0, chunks[0]!)).statusCode).toBe(403);
    expect((await putChunk(as.watcher, id, 0, chunks[0]!)).statusCode).toBe(403);
    expect((await putChunk(as.viewer, id, 0, chunks[0]!)).statusCode).toBe(403);
    expect((await putChunk(as.outsider, id, 0, chunks[0]!)).statusCode).toBe(404);
    expect((await putChunk(as.owner, id, 0, chunks[0]!, 'text/plain')).statusCode).toBe(415);
    expect((await putChunk(as.owner, id, 10_000, chunks[0]!)).statusCode).toBe(400);
    const notRecorded = await aRecordedSession(db, account, home, owner.id, { recorded: false });
    expect((await putChunk(as.owner, notRecorded, 0, chunks[0]!)).statusCode).toBe(409);
    const longOver = await aRecordedSession(db, account, home, owner.id, { endedMinutesAgo: 6 });
    expect((await putChunk(as.owner, longOver, 0, chunks[0]!)).statusCode).toBe(409);
    const justOver = await aRecordedSession(db, account, home, owner.id, { endedMinutesAgo: 1 });
    expect((await putChunk(as.owner, justOver, 0, chunks[0]!)).statusCode).toBe(201);
    expect(await recordingRow(db, id)).toBeNull();
  });

  it('opens a finished recording again when a late chunk arrives, and finishes it again', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const seq of [0, 1, 2]) await putChunk(as.owner, id, seq, chunks[seq]!);
    expect((await finish(as.owner, id)).json().status).toBe('ready');
    const late = await putChunk(as.owner, id, 3, chunks[3]!);
    expect(late.json()).toMatchObject({ created: true, status: 'recording' });
    expect(await partRows(db, id)).toEqual([]);
    const unfinished = await watch(as.owner, id, 'bytes=0-99');
    expect(unfinished.rawPayload.equals(webm.subarray(0, 100))).toBe(true);
    await putChunk(as.owner, id, 4, chunks[4]!);
    expect((await finish(as.owner, id)).json()).toMatchObject({ status: 'ready', chunks: 5, durationMs: 3000 });
    expect(await timelineTypes(db, id)).toEqual(['recording_started', 'recording_stopped', 'recording_stopped']);
  });

  it('serves a late chunk that filled a gap in its place until the recording is finished again', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const seq of [0, 1, 2, 4]) await putChunk(as.owner, id, seq, chunks[seq]!);
    expect((await finish(as.owner, id)).json()).toMatchObject({ status: 'ready', missing: 1 });
    expect((await putChunk(as.owner, id, 3, chunks[3]!)).json()).toMatchObject({ status: 'recording' });
    const open = await watch(as.owner, id);
    expect(open.rawPayload.length).toBe(webm.length);
    expect(open.rawPayload.equals(webm)).toBe(true);
    const tail = await watch(as.owner, id, `bytes=${cuts[4]}-`);
    expect(tail.rawPayload.equals(webm.subarray(cuts[4]))).toBe(true);
    expect((await finish(as.owner, id)).json()).toMatchObject({ status: 'ready', missing: 0, durationMs: 3000 });
  });

  it('refuses a chunk larger than the limit (413) and an empty one (400)', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    expect((await putChunk(as.owner, id, 0, Buffer.alloc(limits.recordingChunkBytes + 1))).statusCode).toBe(413);
    expect((await putChunk(as.owner, id, 0, Buffer.alloc(0))).statusCode).toBe(400);
    expect(await recordingRow(db, id)).toBeNull();
  });

  it('sets the recording to be deleted after the company’s retention days', async () => {
    await anAccountSetting(db, account, 'sessions.recordingRetentionDays', 7);
    const id = await aRecordedSession(db, account, home, owner.id);
    await putChunk(as.owner, id, 0, chunks[0]!);
    const days = ((await recordingRow(db, id))!.deleteAfter.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    await anAccountSetting(db, account, 'sessions.recordingRetentionDays', 90);
  });
});

describe('who may watch a recording', () => {
  it('lets the technicians of the session and administrators watch; refuses viewers and other technicians', async () => {
    const id = await recordedSessionWithAllChunks();
    await inviteWatcher(db, id, watcher.id);
    await finish(as.owner, id);
    expect((await watch(as.owner, id)).statusCode).toBe(200);
    expect((await watch(as.watcher, id)).statusCode).toBe(200);
    expect((await watch(as.admin, id)).statusCode).toBe(200);
    expect((await watch(as.viewer, id)).statusCode).toBe(403);
    expect((await watch(as.bystander, id)).statusCode).toBe(403);
    expect((await watch(as.outsider, id)).statusCode).toBe(404);
    const info = (who: Caller) => call(app, who, { method: 'GET', url: `/api/v1/sessions/${id}/recording/info` });
    expect((await info(as.viewer)).statusCode).toBe(403);
    expect((await info(as.bystander)).statusCode).toBe(403);
    expect((await info(as.watcher)).statusCode).toBe(200);
    const none = await aRecordedSession(db, account, home, owner.id);
    expect((await watch(as.owner, none)).statusCode).toBe(404);
  });

  it('writes one audit row per viewing (not per seek) and one per download', async () => {
    const id = await recordedSessionWithAllChunks();
    await finish(as.owner, id);
    await watch(as.admin, id, 'bytes=0-');
    await watch(as.admin, id, 'bytes=5000-');
    await watch(as.admin, id, 'bytes=20000-30000');
    const head = await call(app, as.admin, { method: 'HEAD', url: `/api/v1/sessions/${id}/recording` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(await auditRowsOf(db, id, 'session.recording_view')).toHaveLength(1);
    await watch(as.watcher, id);
    expect(await auditRowsOf(db, id, 'session.recording_view')).toHaveLength(1);
    await inviteWatcher(db, id, watcher.id);
    await watch(as.watcher, id);
    const views = await auditRowsOf(db, id, 'session.recording_view');
    expect(views.map((r) => r.actorId)).toEqual([account.admin.id, watcher.id]);
    const download = await watch(as.owner, id, undefined, '?download=1');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="session-recording-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.webm"$/,
    );
    expect(await auditRowsOf(db, id, 'session.recording_download')).toHaveLength(1);
  });
});

describe('snapshots', () => {
  it('keeps a snapshot with its size read from the image, lists and serves it', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    await inviteWatcher(db, id, watcher.id);
    const taken = await snap(as.watcher, id, pngOf(1280, 800));
    expect(taken.statusCode).toBe(201);
    expect(taken.json()).toMatchObject({
      width: 1280,
      height: 800,
      contentType: 'image/png',
      takenBy: { id: watcher.id },
    });
    expect(await timelineTypes(db, id)).toEqual(['snapshot']);
    const list = await call(app, as.viewer, { method: 'GET', url: `/api/v1/sessions/${id}/snapshots` });
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([taken.json().id]);
    const image = await call(app, as.viewer, { method: 'GET', url: taken.json().url });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.rawPayload.equals(pngOf(1280, 800))).toBe(true);
    expect((await call(app, as.outsider, { method: 'GET', url: taken.json().url })).statusCode).toBe(404);
  });

  it('keeps at most the limit of snapshots per session', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    await manySnapshots(db, id, owner.id, limits.snapshotsPerSession - 1);
    expect((await snap(as.owner, id, pngOf(4, 4))).statusCode).toBe(201);
    const over = await snap(as.owner, id, pngOf(4, 4));
    expect(over.statusCode).toBe(409);
    expect(await snapshotCount(db, id)).toBe(limits.snapshotsPerSession);
  });

  it('refuses an image that is not what its type says, and technicians not watching', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    expect((await snap(as.owner, id, pngOf(10, 10), 'image/jpeg')).statusCode).toBe(415);
    expect((await snap(as.owner, id, Buffer.from('<svg/>'), 'image/svg+xml')).statusCode).toBe(415);
    expect((await snap(as.bystander, id, pngOf(10, 10))).statusCode).toBe(403);
    expect((await snap(as.viewer, id, pngOf(10, 10))).statusCode).toBe(403);
    expect(await snapshotCount(db, id)).toBe(0);
  });
});

describe('retention', () => {
  it('deletes recordings past their time and snapshots older than the company keeps them', async () => {
    const expired = await recordedSessionWithAllChunks();
    const kept = await recordedSessionWithAllChunks();
    await expireRecording(db, expired);
    const oldShots = await aRecordedSession(db, account, home, owner.id);
    const newShots = await aRecordedSession(db, account, home, owner.id);
    for (const id of [oldShots, newShots]) await snap(as.owner, id, pngOf(10, 10));
    await anAccountSetting(db, account, 'sessions.recordingRetentionDays', 3);
    await ageSnapshots(db, oldShots, 4);
    await ageSnapshots(db, newShots, 2);

    const removed = await applyRecordingRetention(db, { batch: 1 });
    expect(removed.recordings).toBeGreaterThanOrEqual(1);
    expect(removed.snapshots).toBe(1);
    expect(await recordingRow(db, expired)).toBeNull();
    expect(await recordingRow(db, kept)).not.toBeNull();
    expect(await snapshotCount(db, oldShots)).toBe(0);
    expect(await snapshotCount(db, newShots)).toBe(1);
    await anAccountSetting(db, account, 'sessions.recordingRetentionDays', 90);
  });
});

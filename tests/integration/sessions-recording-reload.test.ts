import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anAccount, auditRowsOf, aUser } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import {
  aRecordedSession,
  decodedFrame,
  decodedFrames,
  liveWebm,
  partRows,
  probedDuration,
  timelineTypes,
} from './sessions-recording-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Reload' });
const [home] = account.companyIds;
const owner = await aUser(db, account, { role: 'technician', companies: [home], seats: ['remoteSupport'] });
const as = await signIn(app, owner.email);

const webm = liveWebm();
const cut = (ends: number[]) => ends.map((end, i) => webm.subarray(i === 0 ? 0 : ends[i - 1], end));
/** the first page's MediaRecorder, then the reloaded page's: a new WebM file (header first) in the same numbering */
const firstPage = cut([1000, 9000, 21000, 33333, webm.length]);
const reloadedPage = cut([5000, 20000, webm.length]);

const putChunk = (id: string, seq: number, data: Buffer) =>
  call(app, as, {
    method: 'PUT',
    url: `/api/v1/sessions/${id}/recording/chunks/${seq}`,
    headers: { 'content-type': 'video/webm' },
    payload: data,
  });
const finish = (id: string) => call(app, as, { method: 'POST', url: `/api/v1/sessions/${id}/recording/finish` });
const watch = (id: string, query: string) =>
  call(app, as, { method: 'GET', url: `/api/v1/sessions/${id}/recording${query}` });

/** The original's frame, decoded once: what each part must show. */
const original = join(tmpdir(), 'recording-reload-original.webm');
writeFileSync(original, webm);

describe('a recording whose technician’s page was reloaded mid-session', () => {
  it('is kept as two parts, each a seekable file that plays back the whole of what its recorder made', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const [seq, data] of firstPage.entries()) expect((await putChunk(id, seq, data)).statusCode).toBe(201);
    // the page going away finishes what it recorded; the reloaded page continues the numbering
    expect((await finish(id)).json()).toMatchObject({ status: 'ready', parts: [{ durationMs: 3000 }] });
    for (const [i, data] of reloadedPage.entries()) {
      const put = await putChunk(id, firstPage.length + i, data);
      expect(put.statusCode).toBe(201);
    }
    expect(await partRows(db, id)).toEqual([]);
    const info = (await finish(id)).json();
    expect(info).toMatchObject({
      status: 'ready',
      chunks: 8,
      missing: 0,
      bytes: 2 * webm.length,
      durationMs: 6000,
      parts: [
        { durationMs: 3000, bytes: webm.length },
        { durationMs: 3000, bytes: webm.length },
      ],
    });
    expect((await partRows(db, id)).map((p) => [p.firstSeq, p.byteStart])).toEqual([
      [0, 0],
      [5, webm.length],
    ]);
    expect(await timelineTypes(db, id)).toEqual(['recording_started', 'recording_stopped', 'recording_stopped']);

    const expectedFrame = decodedFrame(original, { frame: 15 });
    const expectedSeek = decodedFrame(original, { frame: 20 });
    for (const [part, query] of [
      [0, ''],
      [1, '?part=1'],
    ] as const) {
      const res = await watch(id, query);
      expect(res.statusCode, query).toBe(200);
      expect(res.headers['content-disposition']).toContain(part === 1 ? '-part2.webm' : '.webm');
      const file = join(tmpdir(), `recording-${id}-${part}.webm`);
      writeFileSync(file, res.rawPayload);
      const seconds = probedDuration(file);
      if (seconds === null) {
        console.warn('ffprobe/ffmpeg are not installed (/usr/bin): the playback checks are skipped');
        continue;
      }
      expect(seconds, query).toBeCloseTo(3, 1);
      expect(decodedFrames(file), query).toBe(30);
      expect(decodedFrame(file, { frame: 15 })!.equals(expectedFrame!), query).toBe(true);
      // seeking by the part's cues lands on the frame at 2 s
      expect(decodedFrame(file, { seconds: 2 })!.equals(expectedSeek!), query).toBe(true);
    }
    const audits = await auditRowsOf(db, id, 'session.recording_view');
    expect(audits.map((a) => (a.after as { part: number }).part)).toEqual([0, 1]);
  });

  it('answers 404 for a part it does not have, 400 for one that is not a number, and changes nothing', async () => {
    const id = await aRecordedSession(db, account, home, owner.id);
    for (const [seq, data] of firstPage.entries()) await putChunk(id, seq, data);
    // not finished yet: served as the chunks are, in one part
    expect((await watch(id, '?part=1')).statusCode).toBe(404);
    await finish(id);
    const missing = await watch(id, '?part=1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    for (const bad of ['?part=x', '?part=-1', '?part=1.5', '?other=1']) {
      const res = await watch(id, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('validation_failed');
    }
    expect(await auditRowsOf(db, id, 'session.recording_view')).toEqual([]);
  });
});

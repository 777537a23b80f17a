import { describe, expect, it, vi } from 'vitest';
import { finishRecording } from '../../src/server/modules/sessions/index.js';
import { anAccount, aUser } from '../support/builders/index.js';
import { httpAll, listenOnLoopback } from '../support/parallel-http.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { aRecordedSession, liveWebm, partRows, timelineTypes } from './sessions-recording-kit.js';

/**
 * The finish reads the chunks and makes the header with the real code; a test may hold it there,
 * after the read and before the write, to do something meanwhile (`pause` once, for the next finish).
 */
const hold = vi.hoisted(() => ({ pause: null as null | { read: () => void; release: Promise<void> } }));
vi.mock('../../src/server/modules/sessions/webm-seekable.js', async (importOriginal) => {
  const real = await importOriginal<{ seekableHeaderOf: (parts: AsyncIterable<Buffer>) => Promise<unknown> }>();
  return {
    ...real,
    seekableHeaderOf: async (parts: AsyncIterable<Buffer>) => {
      const made = await real.seekableHeaderOf(parts);
      const pause = hold.pause;
      hold.pause = null;
      if (pause) {
        pause.read();
        await pause.release;
      }
      return made;
    },
  };
});

/** Arms a hold on the next finish: `read` resolves once it read the chunks; it writes after `release()`. */
function holdNextFinish() {
  let release = () => {};
  let read = () => {};
  const reached = new Promise<void>((resolve) => (read = resolve));
  hold.pause = { read, release: new Promise<void>((resolve) => (release = resolve)) };
  return { reached, release: () => release() };
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)),
  ]);

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Finish' });
const [home] = account.companyIds;
const owner = await aUser(db, account, { role: 'technician', companies: [home], seats: ['remoteSupport'] });
const as: Caller = await signIn(app, owner.email);

const webm = liveWebm();
const cuts = [0, 1000, 9000, 21000, 33333, webm.length];
const chunks = cuts.slice(1).map((end, i) => webm.subarray(cuts[i], end));

const putChunk = (id: string, seq: number) =>
  call(app, as, {
    method: 'PUT',
    url: `/api/v1/sessions/${id}/recording/chunks/${seq}`,
    headers: { 'content-type': 'video/webm' },
    payload: chunks[seq]!,
  });
const finish = (id: string) => call(app, as, { method: 'POST', url: `/api/v1/sessions/${id}/recording/finish` });
const stops = async (id: string) => (await timelineTypes(db, id)).filter((t) => t === 'recording_stopped').length;

async function sessionWithChunks(seqs: number[]): Promise<string> {
  const id = await aRecordedSession(db, account, home, owner.id);
  for (const seq of seqs) expect((await putChunk(id, seq)).statusCode).toBe(201);
  return id;
}

describe('finishing a recording', () => {
  it('takes a chunk while it reads (no transaction held), then reads again and finishes with it', async () => {
    const id = await sessionWithChunks([0, 1, 2, 3]);
    const held = holdNextFinish();
    const finishing = finish(id);
    await held.reached;
    // the finish has read four chunks; the last one arrives now and is stored at once
    const late = await within(5000, putChunk(id, 4));
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ created: true, status: 'recording' });
    held.release();
    const finished = await finishing;
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ status: 'ready', chunks: 5, missing: 0, bytes: webm.length });
    expect(finished.json().durationMs).toBe(3000);
    expect(await stops(id)).toBe(1);
  });

  it('gives way to another finish that wrote first: both answer the one seekable recording, stopped once', async () => {
    const id = await sessionWithChunks([0, 1, 2, 3, 4]);
    const held = holdNextFinish();
    const first = finish(id);
    await held.reached;
    const second = await within(5000, finish(id));
    expect(second.json()).toMatchObject({ status: 'ready', chunks: 5, durationMs: 3000 });
    held.release();
    expect((await first).json()).toEqual(second.json());
    expect(await stops(id)).toBe(1);
    const parts = await partRows(db, id);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.seekableHeader.includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBe(true);
  });

  it('finishes once when several finishes arrive at the same time over HTTP', async () => {
    const id = await sessionWithChunks([0, 1, 2, 3, 4]);
    const base = await listenOnLoopback(app);
    const answers = await httpAll(
      base,
      [2, 3, 4, 5].map((n) => ({
        method: 'POST',
        path: `/api/v1/sessions/${id}/recording/finish`,
        headers: as.headers,
        from: `127.0.0.${n}`,
      })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const bodies = answers.map((a) => a.json());
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ status: 'ready', chunks: 5, durationMs: 3000 });
    expect(await stops(id)).toBe(1);
  });

  it('the sweep and the page finishing together write it once', async () => {
    const id = await sessionWithChunks([0, 1, 2]);
    const [byServer, byPage] = await Promise.all([finishRecording(db, id), finish(id)]);
    expect(byPage.json()).toEqual(byServer);
    expect(byServer).toMatchObject({ status: 'ready', chunks: 3 });
    expect(await stops(id)).toBe(1);
  });
});

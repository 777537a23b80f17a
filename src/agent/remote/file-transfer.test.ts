import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileChunkBytes } from '../../shared/remote/protocol.js';
import { FileReceiver, listFolder, prepareOutgoing, readChunks, safeFileName } from './file-transfer.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'tandem-files-'));

async function send(receiver: FileReceiver, id: number, name: string, bytes: Buffer, hash = sha(bytes)) {
  const offered = await receiver.offer({ id, name, size: bytes.byteLength, sha256: hash });
  if (offered) return offered;
  for (let offset = 0; offset < bytes.byteLength; offset += 65536) {
    const error = await receiver.chunk({ id, offset, data: bytes.subarray(offset, offset + 65536) });
    if (error) return error;
  }
  return receiver.end(id);
}

describe('FileReceiver', () => {
  it('saves a file whose hash matches, never replacing one of the same name', async () => {
    const dir = await tmp();
    const receiver = new FileReceiver(dir, 1_000_000);
    const bytes = Buffer.alloc(200_000, 7);
    expect(await send(receiver, 1, 'report.pdf', bytes)).toEqual({
      t: 'file.saved',
      id: 1,
      savedAs: path.join(dir, 'report.pdf'),
    });
    expect(await send(receiver, 2, '../../etc/report.pdf', Buffer.from('second'))).toEqual({
      t: 'file.saved',
      id: 2,
      savedAs: path.join(dir, 'report (1).pdf'),
    });
    expect(sha(await readFile(path.join(dir, 'report.pdf')))).toBe(sha(bytes));
    expect((await readdir(dir)).sort()).toEqual(['report (1).pdf', 'report.pdf']);
  });

  it('refuses a file above the limit before any byte, and a wrong hash at the end, leaving nothing', async () => {
    const dir = await tmp();
    const receiver = new FileReceiver(dir, 100);
    expect(await send(receiver, 3, 'big.bin', Buffer.alloc(101))).toEqual({
      t: 'file.error',
      id: 3,
      reason: 'too_large',
    });
    expect(await send(receiver, 4, 'bad.bin', Buffer.alloc(50, 1), sha(Buffer.alloc(50, 2)))).toEqual({
      t: 'file.error',
      id: 4,
      reason: 'hash_mismatch',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses chunks out of order or past the announced size, and cleans up a cancelled transfer', async () => {
    const dir = await tmp();
    const receiver = new FileReceiver(dir, 1000);
    await receiver.offer({ id: 5, name: 'a.txt', size: 10, sha256: sha(Buffer.alloc(10)) });
    expect(await receiver.chunk({ id: 5, offset: 4, data: Buffer.alloc(4) })).toEqual({
      t: 'file.error',
      id: 5,
      reason: 'failed',
    });
    await receiver.offer({ id: 6, name: 'b.txt', size: 10, sha256: sha(Buffer.alloc(10)) });
    expect(await receiver.chunk({ id: 6, offset: 0, data: Buffer.alloc(11) })).toMatchObject({ reason: 'failed' });
    await receiver.offer({ id: 7, name: 'c.txt', size: 10, sha256: sha(Buffer.alloc(10)) });
    await receiver.cancel(7);
    expect(await readdir(dir)).toEqual([]);
  });

  it('cleans names from the technician', () => {
    expect(safeFileName('C:\\Users\\x\\notes.txt')).toBe('notes.txt');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('a\u0000b?.txt')).toBe('a_b_.txt');
    expect(safeFileName('..')).toBe('file');
  });
});

describe('files from the device', () => {
  it('checks, hashes and reads a file in chunks of the protocol size; lists a folder', async () => {
    const dir = await tmp();
    const bytes = Buffer.alloc(150_000, 3);
    await writeFile(path.join(dir, 'log.txt'), bytes);
    const ready = await prepareOutgoing(dir, 'log.txt', 1_000_000);
    expect(ready).toMatchObject({ ok: true, name: 'log.txt', size: 150_000, sha256: sha(bytes) });
    const chunks = [];
    for await (const c of readChunks(path.join(dir, 'log.txt'))) chunks.push(c);
    expect(chunks.map((c) => [c.offset, c.data.byteLength])).toEqual([
      [0, fileChunkBytes],
      [fileChunkBytes, fileChunkBytes],
      [2 * fileChunkBytes, fileChunkBytes],
      [3 * fileChunkBytes, 150_000 - 3 * fileChunkBytes],
    ]);
    expect(await prepareOutgoing(dir, 'log.txt', 1000)).toEqual({ ok: false, reason: 'too_large' });
    expect(await prepareOutgoing(dir, 'missing', 1000)).toEqual({ ok: false, reason: 'not_found' });
    expect(await prepareOutgoing(dir, '.', 1000)).toEqual({ ok: false, reason: 'not_a_file' });
    expect(await listFolder(dir, '')).toEqual({ path: dir, entries: [{ name: 'log.txt', dir: false, size: 150_000 }] });
  });
});

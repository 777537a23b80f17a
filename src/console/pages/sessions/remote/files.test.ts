import { describe, expect, it } from 'vitest';
import {
  decodeBinary,
  encodeFileChunk,
  fileChunkBytes,
  type RemoteToAgent,
} from '../../../../shared/remote/protocol.js';
import { FileTransfers, sha256Hex, type Transfer, type TransferDeps } from './files.js';

function setup(patch: Partial<TransferDeps> = {}) {
  const texts: RemoteToAgent[] = [];
  const binaries: Uint8Array[] = [];
  const announced: unknown[] = [];
  const saved: { blob: Blob; name: string }[] = [];
  let states: Transfer[] = [];
  const progress: number[] = [];
  let buffered = 0;
  const drainedCalls: number[] = [];
  const transfers = new FileTransfers({
    send: (m) => (texts.push(m), true),
    sendBinary: (b) => (binaries.push(b), true),
    drained: async (limit) => {
      drainedCalls.push(buffered);
      buffered = Math.max(0, buffered - limit);
      return true;
    },
    announce: async (body) => void announced.push(body),
    sha256: sha256Hex,
    save: (blob, name) => saved.push({ blob, name }),
    onChange: (list) => {
      states = list;
      if (list[0]) progress.push(list[0].done);
    },
    ...patch,
  });
  return {
    transfers,
    texts,
    binaries,
    announced,
    saved,
    progress,
    drainedCalls,
    setBuffered: (n: number) => (buffered = n),
    states: () => states,
  };
}

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name = 'a.bin') => ({
  name,
  size: bytes.byteLength,
  arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
});

describe('file transfers', () => {
  it('sends a file: hashed, told to the server first, then offer, 64 KiB chunks waiting for the buffer, end', async () => {
    const bytes = new Uint8Array(fileChunkBytes * 2 + 10).map((_, i) => i % 251);
    const s = setup();
    s.setBuffered(5_000_000);
    await s.transfers.sendFile(fileOf(bytes));
    const sha = await sha256Hex(bytes);
    expect(s.announced).toEqual([{ action: 'file_to_device', name: 'a.bin', size: bytes.byteLength, sha256: sha }]);
    expect(s.texts).toEqual([
      { t: 'file.offer', id: 1, name: 'a.bin', size: bytes.byteLength, sha256: sha },
      { t: 'file.end', id: 1 },
    ]);
    expect(s.drainedCalls).toHaveLength(3);
    const chunks = s.binaries.map((b) => decodeBinary(b));
    expect(chunks.map((c) => (c?.kind === 'fileChunk' ? [c.offset, c.data.byteLength] : null))).toEqual([
      [0, fileChunkBytes],
      [fileChunkBytes, fileChunkBytes],
      [fileChunkBytes * 2, 10],
    ]);
    expect(s.progress).toContain(fileChunkBytes);
    expect(s.states()[0]).toMatchObject({ state: 'checking', done: bytes.byteLength });
    s.transfers.handle({ t: 'file.saved', id: 1, savedAs: '/tmp/a.bin' });
    expect(s.states()[0]).toMatchObject({ state: 'done', savedAs: '/tmp/a.bin' });
  });

  it("stops before sending anything when the server refuses (too large), with the server's words", async () => {
    const s = setup({
      announce: () => Promise.reject(new Error('too large')),
      refusal: () => 'The file is larger than 1 MB.',
    });
    await s.transfers.sendFile(fileOf(new Uint8Array(10)));
    expect(s.texts).toEqual([]);
    expect(s.binaries).toEqual([]);
    expect(s.states()[0]).toMatchObject({
      state: 'failed',
      error: 'refused_by_server',
      serverMessage: 'The file is larger than 1 MB.',
    });
  });

  it('gets a file: told to the server, asked for, chunks gathered, hash checked, saved', async () => {
    const bytes = new Uint8Array(fileChunkBytes + 5).map((_, i) => (i * 7) % 256);
    const sha = await sha256Hex(bytes);
    const s = setup();
    await s.transfers.getFile('/home/u/report.pdf', 'report.pdf', bytes.byteLength);
    expect(s.announced).toEqual([{ action: 'file_from_device', name: 'report.pdf', size: bytes.byteLength }]);
    expect(s.texts).toEqual([{ t: 'file.get', id: 1, path: '/home/u/report.pdf' }]);
    s.transfers.handle({ t: 'file.offer', id: 1, name: 'report.pdf', size: bytes.byteLength, sha256: sha });
    for (const offset of [0, fileChunkBytes]) {
      const message = decodeBinary(
        encodeFileChunk({ id: 1, offset, data: bytes.subarray(offset, offset + fileChunkBytes) }),
      );
      if (message?.kind === 'fileChunk') s.transfers.chunk(message);
    }
    s.transfers.handle({ t: 'file.end', id: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.states()[0]).toMatchObject({ state: 'done', done: bytes.byteLength });
    expect(s.saved).toHaveLength(1);
    expect(s.saved[0]!.name).toBe('report.pdf');
    expect(new Uint8Array(await s.saved[0]!.blob.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a file from the device whose hash does not match, and reports agent errors', async () => {
    const s = setup();
    await s.transfers.getFile('/x', 'x', 3);
    s.transfers.handle({ t: 'file.offer', id: 1, name: 'x', size: 3, sha256: '0'.repeat(64) });
    s.transfers.chunk({ id: 1, offset: 0, data: new Uint8Array([1, 2, 3]) });
    s.transfers.handle({ t: 'file.end', id: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.saved).toEqual([]);
    expect(s.states()[0]).toMatchObject({ state: 'failed', error: 'hash_mismatch' });
    await s.transfers.getFile('/y', 'y', 3);
    s.transfers.handle({ t: 'file.error', id: 2, reason: 'not_found' });
    expect(s.states()[1]).toMatchObject({ state: 'failed', error: 'not_found' });
  });
});

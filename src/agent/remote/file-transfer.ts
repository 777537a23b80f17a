import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileChunkBytes, type RemoteToConsole } from '../../shared/remote/protocol.js';

type FileError = Extract<RemoteToConsole, { t: 'file.error' }>['reason'];
type Answer = Extract<RemoteToConsole, { t: 'file.saved' | 'file.error' }>;

/**
 * A name from the technician, safe to save: no folders, no control characters, not hidden, not empty.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

interface Incoming {
  name: string;
  size: number;
  sha256: string;
  received: number;
  hash: Hash;
  part: string;
  handle: FileHandle;
}

/**
 * Files from the technician: written to a hidden part file in the transfer folder as chunks come,
 * checked (each chunk at the next offset, never beyond the announced size, at most `maxBytes`, the
 * sha-256 at the end), then given their name without ever replacing a file: `report.pdf`, else
 * `report (1).pdf`, … A refused or cancelled transfer leaves nothing behind.
 */
export class FileReceiver {
  readonly #incoming = new Map<number, Incoming>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async offer(offer: { id: number; name: string; size: number; sha256: string }): Promise<Answer | null> {
    if (offer.size > this.maxBytes) return { t: 'file.error', id: offer.id, reason: 'too_large' };
    await this.cancel(offer.id);
    try {
      await mkdir(this.dir, { recursive: true });
      const part = path.join(this.dir, `.tandem-${randomBytes(6).toString('hex')}.part`);
      const handle = await open(part, 'wx', 0o600);
      this.#incoming.set(offer.id, {
        name: safeFileName(offer.name),
        size: offer.size,
        sha256: offer.sha256,
        received: 0,
        hash: createHash('sha256'),
        part,
        handle,
      });
      return null;
    } catch {
      return { t: 'file.error', id: offer.id, reason: 'denied' };
    }
  }

  /** A chunk: null while all is well, an error (and the transfer dropped) otherwise. */
  async chunk(chunk: { id: number; offset: number; data: Uint8Array }): Promise<Answer | null> {
    const file = this.#incoming.get(chunk.id);
    if (!file) return null;
    if (chunk.offset !== file.received || file.received + chunk.data.byteLength > file.size)
      return this.#fail(chunk.id, 'failed');
    try {
      await file.handle.write(chunk.data);
    } catch {
      return this.#fail(chunk.id, 'failed');
    }
    file.hash.update(chunk.data);
    file.received += chunk.data.byteLength;
    return null;
  }

  async end(id: number): Promise<Answer | null> {
    const file = this.#incoming.get(id);
    if (!file) return null;
    if (file.received !== file.size) return this.#fail(id, 'failed');
    if (file.hash.digest('hex') !== file.sha256) return this.#fail(id, 'hash_mismatch');
    this.#incoming.delete(id);
    await file.handle.close();
    try {
      const savedAs = await this.#place(file.part, file.name);
      return { t: 'file.saved', id, savedAs };
    } catch {
      await unlink(file.part).catch(() => {});
      return { t: 'file.error', id, reason: 'failed' };
    } finally {
      await unlink(file.part).catch(() => {});
    }
  }

  /** the saved file's name and size, for the local log */
  describe(id: number): { name: string; size: number } | null {
    const file = this.#incoming.get(id);
    return file ? { name: file.name, size: file.size } : null;
  }

  async cancel(id: number): Promise<void> {
    const file = this.#incoming.get(id);
    if (!file) return;
    this.#incoming.delete(id);
    await file.handle.close().catch(() => {});
    await unlink(file.part).catch(() => {});
  }

  async cancelAll(): Promise<void> {
    for (const id of [...this.#incoming.keys()]) await this.cancel(id);
  }

  async #fail(id: number, reason: FileError): Promise<Answer> {
    await this.cancel(id);
    return { t: 'file.error', id, reason };
  }

  /** A hard link under the first free name: an existing file is never replaced, even in a race. */
  async #place(part: string, name: string): Promise<string> {
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let n = 0; n < 1000; n++) {
      const target = path.join(this.dir, n === 0 ? name : `${stem} (${n})${ext}`);
      try {
        await link(part, target);
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('no free name');
  }
}

/** A path from the console: absolute as given, relative to the transfer folder otherwise. */
export const resolveDevicePath = (dir: string, given: string) => path.resolve(dir, given || '.');

export type OutgoingCheck =
  { ok: true; path: string; name: string; size: number; sha256: string } | { ok: false; reason: FileError };

/** A file the technician asked for: it exists, is a file, is within the limit; its hash read first. */
export async function prepareOutgoing(dir: string, given: string, maxBytes: number): Promise<OutgoingCheck> {
  const file = resolveDevicePath(dir, given);
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'denied' : 'not_found' };
  }
  if (!info.isFile()) return { ok: false, reason: 'not_a_file' };
  if (info.size > maxBytes) return { ok: false, reason: 'too_large' };
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return {
      ok: true,
      path: file,
      name: safeFileName(path.basename(file)),
      size: info.size,
      sha256: hash.digest('hex'),
    };
  } catch {
    return { ok: false, reason: 'denied' };
  }
}

/** The file's bytes in chunks of 64 KiB with their offsets (the hash was read by prepareOutgoing). */
export async function* readChunks(file: string): AsyncGenerator<{ offset: number; data: Uint8Array }> {
  const handle = await open(file, 'r');
  try {
    let offset = 0;
    for (;;) {
      const data = Buffer.alloc(fileChunkBytes);
      let filled = 0;
      while (filled < fileChunkBytes) {
        const { bytesRead } = await handle.read(data, filled, fileChunkBytes - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return;
      yield { offset, data: data.subarray(0, filled) };
      offset += filled;
      if (filled < fileChunkBytes) return;
    }
  } finally {
    await handle.close();
  }
}

/** A folder's entries (folders first, then by name), at most 1000. */
export async function listFolder(
  dir: string,
  given: string,
): Promise<{ path: string; entries: Array<{ name: string; dir: boolean; size: number }> } | null> {
  const folder = resolveDevicePath(dir, given);
  try {
    if (!given) await mkdir(folder, { recursive: true });
    const dirents = await readdir(folder, { withFileTypes: true });
    const entries = [];
    for (const d of dirents) {
      if (entries.length >= 1000) break;
      if (d.name.length > 255 || d.name.startsWith('.tandem-')) continue;
      let size = 0;
      if (d.isFile())
        size = await stat(path.join(folder, d.name)).then(
          (s) => s.size,
          () => 0,
        );
      entries.push({ name: d.name, dir: d.isDirectory(), size });
    }
    entries.sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name));
    return { path: folder.slice(0, 4096), entries };
  } catch {
    return null;
  }
}

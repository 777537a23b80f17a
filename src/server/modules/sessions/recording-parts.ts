import type { Queryable } from '../../platform/db/pool.js';
import * as repo from './recording-repository.js';
import { seekableHeaderOf, type SeekableHeader } from './webm-seekable.js';

/** One file of a recording: the chunks from `firstSeq`, bytes `byteStart`… of the chunks laid end to end. */
export interface RecordingPart {
  firstSeq: number;
  byteStart: number;
  bytes: number;
  /** null: nothing playable in it */
  seekable: SeekableHeader | null;
}

/** Every WebM file starts with an EBML header, whose ID is these four bytes. */
const ebmlId = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/**
 * Whether a chunk starts a new file: a MediaRecorder's first chunk is the EBML header, which no
 * later chunk of the same recorder starts with (they start with a cluster or a block).
 */
export const startsFile = (data: Buffer): boolean => data.subarray(0, ebmlId.length).equals(ebmlId);

/**
 * Reads a recording's chunks in number order, a few at a time, and splits them into its files: a
 * page reloaded mid-session starts a new MediaRecorder, whose first chunk (a new WebM header) comes
 * after the old one's in the same numbering. Each file is made seekable on its own.
 */
export async function readParts(db: Queryable, sessionId: string): Promise<RecordingPart[]> {
  const cursor = new ChunkCursor(db, sessionId);
  const parts: RecordingPart[] = [];
  let byteStart = 0;
  for (let first = await cursor.peek(); first; first = await cursor.peek()) {
    const part = { firstSeq: first.seq, byteStart, bytes: 0 };
    // the file's chunks, up to the next that starts a new file
    async function* file(): AsyncGenerator<Buffer> {
      for (let chunk = await cursor.peek(); chunk; chunk = await cursor.peek()) {
        if (chunk.seq !== part.firstSeq && startsFile(chunk.data)) return;
        cursor.take();
        part.bytes += chunk.data.length;
        yield chunk.data;
      }
    }
    const seekable = await seekableHeaderOf(file());
    // what the reader left once it stopped making sense of the bytes still belongs to this file
    for await (const _rest of file());
    parts.push({ ...part, seekable });
    byteStart += part.bytes;
  }
  return parts;
}

/** The chunks in number order, read four at a time, one looked at before it is taken. */
class ChunkCursor {
  private batch: { seq: number; data: Buffer }[] = [];
  private after = -1;
  private ended = false;

  constructor(
    private readonly db: Queryable,
    private readonly sessionId: string,
  ) {}

  async peek(): Promise<{ seq: number; data: Buffer } | undefined> {
    if (this.batch.length === 0 && !this.ended) {
      this.batch = await repo.chunksAfter(this.db, this.sessionId, this.after, 4);
      this.ended = this.batch.length < 4;
    }
    return this.batch[0];
  }

  take(): void {
    const taken = this.batch.shift();
    if (taken) this.after = taken.seq;
  }
}

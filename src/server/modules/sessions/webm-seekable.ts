import { Decoder, Reader, tools } from 'ts-ebml';

/** What a browser's MediaRecorder WebM lacks until it is finished: a duration and cues to seek by. */
export interface SeekableHeader {
  /** the new metadata (EBML header, Segment, SeekHead, Info with Duration, Tracks, Cues) */
  header: Buffer;
  /** the bytes of the original file it replaces: everything before the first Cluster */
  replacedBytes: number;
  durationMs: number;
}

/**
 * Reads a WebM as it comes, part after part (never the whole file at once), and writes the
 * metadata that makes it seekable. Returns null when the bytes are not a WebM with at least one
 * cluster (nothing to play). A file cut short (a part that never arrived) is read up to where it
 * stops making sense: what was read before stays seekable.
 */
export async function seekableHeaderOf(parts: AsyncIterable<Buffer>): Promise<SeekableHeader | null> {
  const decoder = new Decoder();
  const reader = new Reader();
  reader.logging = false;
  reader.drop_default_duration = false;
  const clock = new BlockClock();
  try {
    for await (const part of parts) {
      const copy = part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength) as ArrayBuffer;
      for (const element of decoder.decode(copy)) {
        reader.read(element);
        clock.read(element);
      }
    }
  } catch {
    // a gap or damaged bytes: keep what was read before
  }
  reader.stop();
  if (reader.metadatas.length === 0 || reader.cues.length === 0 || reader.metadataSize <= 0) return null;
  const scale = reader.timestampScale || 1_000_000;
  const durationMs = Math.max(0, Math.round((clock.endTicks() * scale) / 1_000_000));
  return {
    header: withoutBufferPool(() =>
      Buffer.from(tools.makeMetadataSeekable(reader.metadatas, (durationMs * 1_000_000) / scale, reader.cues)),
    ),
    replacedBytes: reader.metadataSize,
    durationMs,
  };
}

/**
 * ts-ebml encodes with `Buffer.concat(...).buffer`, which for a small result is Node's shared
 * 8 KB pool rather than the bytes themselves; with the pool off for the length of this synchronous
 * call every buffer it makes owns its memory exactly.
 */
function withoutBufferPool<T>(work: () => T): T {
  const poolSize = Buffer.poolSize;
  Buffer.poolSize = 0;
  try {
    return work();
  } finally {
    Buffer.poolSize = poolSize;
  }
}

/**
 * The end of the last frame, in timestamp ticks: the latest cluster timestamp plus block offset
 * seen (SimpleBlock and Block), plus the distance between the last two distinct times (one frame).
 */
class BlockClock {
  private cluster = 0;
  private last = -1;
  private previous = -1;

  read(element: { name: string; type: string; value?: unknown; data?: Buffer }): void {
    if (element.name === 'Timestamp' && typeof element.value === 'number') this.cluster = element.value;
    else if ((element.name === 'SimpleBlock' || element.name === 'Block') && element.data) {
      const relative = blockOffset(element.data);
      if (relative === null) return;
      const at = this.cluster + relative;
      if (at > this.last) {
        this.previous = this.last;
        this.last = at;
      }
    }
  }

  endTicks(): number {
    if (this.last < 0) return 0;
    return this.last + (this.previous >= 0 ? this.last - this.previous : 0);
  }
}

/** A block starts with its track number (an EBML variable-length integer), then a signed 16-bit time offset. */
function blockOffset(data: Buffer): number | null {
  const first = data[0];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (data.length < length + 2) return null;
  return data.readInt16BE(length);
}

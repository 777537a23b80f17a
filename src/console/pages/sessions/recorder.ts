/** Sends one chunk; resolves once the server stored it (sending the same seq again is harmless). */
export type ChunkUploader = (seq: number, data: Blob) => Promise<void>;

export interface QueueState {
  /** chunks recorded and not yet acknowledged */
  pending: number;
  pendingBytes: number;
  uploaded: number;
  /** the last upload failed and is being retried */
  retrying: boolean;
  /** the queue stopped taking chunks: past its bound, or the server refused one for good */
  stopped: 'overflow' | 'refused' | null;
}

export interface ChunkQueueOptions {
  upload: ChunkUploader;
  /** the first chunk's number (a recording resumed after the page was reloaded continues after what arrived) */
  firstSeq?: number;
  /** unacknowledged bytes kept in memory at most; past it, `push` refuses */
  maxPendingBytes: number;
  /** waits between tries of one chunk; the last one repeats */
  retryMs?: readonly number[];
  /** whether a failed upload is worth another try (network, 5xx, 429) */
  retryable?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  onChange?: (state: QueueState) => void;
}

const defaultRetryMs = [500, 1000, 2000, 4000, 8000, 15000];
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Recording chunks uploaded one at a time, in seq order. Each is kept in memory until the server
 * acknowledges it; a failed upload is sent again (same seq, same bytes) after a growing wait. Past
 * `maxPendingBytes` of unacknowledged chunks the queue refuses new ones (the caller stops recording:
 * what was already recorded still goes up, so the recording keeps everything up to that point).
 */
export class ChunkQueue {
  private readonly chunks: { seq: number; data: Blob }[] = [];
  private nextSeq = 0;
  private uploaded = 0;
  private retrying = false;
  private stopped: QueueState['stopped'] = null;
  private running: Promise<void> | null = null;
  private readonly retryMs: readonly number[];

  constructor(private readonly options: ChunkQueueOptions) {
    this.retryMs = options.retryMs ?? defaultRetryMs;
    this.nextSeq = options.firstSeq ?? 0;
  }

  state(): QueueState {
    return {
      pending: this.chunks.length,
      pendingBytes: this.chunks.reduce((sum, c) => sum + c.data.size, 0),
      uploaded: this.uploaded,
      retrying: this.retrying,
      stopped: this.stopped,
    };
  }

  /** Queues a chunk under the next seq; null when refused (stopped, or past the memory bound). */
  push(data: Blob): number | null {
    if (this.stopped) return null;
    if (this.state().pendingBytes + data.size > this.options.maxPendingBytes) {
      this.stop('overflow');
      return null;
    }
    const seq = this.nextSeq++;
    this.chunks.push({ seq, data });
    this.changed();
    this.kick();
    return seq;
  }

  /** Resolves once every queued chunk is acknowledged (or refused for good). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick() {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // a chunk pushed while the last upload was being acknowledged
      if (this.chunks.length > 0 && !this.stopped) this.kick();
    });
  }

  private stop(reason: 'overflow' | 'refused') {
    this.stopped ??= reason;
    this.changed();
  }

  private changed() {
    this.options.onChange?.(this.state());
  }

  private async drain(): Promise<void> {
    const sleep = this.options.sleep ?? wait;
    for (let chunk = this.chunks[0]; chunk; chunk = this.chunks[0]) {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.options.upload(chunk.seq, chunk.data);
          break;
        } catch (error) {
          if (this.options.retryable && !this.options.retryable(error)) {
            this.chunks.length = 0;
            this.retrying = false;
            this.stop('refused');
            return;
          }
          this.retrying = true;
          this.changed();
          await sleep(this.retryMs[Math.min(attempt, this.retryMs.length - 1)] ?? 1000);
        }
      }
      this.chunks.shift();
      this.uploaded++;
      this.retrying = false;
      this.changed();
    }
  }
}

/** The WebM type this browser records, VP8 first. */
export function recordingMimeType(): string {
  const types = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];
  if (typeof MediaRecorder === 'undefined') return 'video/webm';
  return types.find((type) => MediaRecorder.isTypeSupported(type)) ?? 'video/webm';
}

export const chunkIntervalMs = 2000;
/** about two minutes of a busy screen at a few Mbit/s */
export const maxPendingBytes = 64 * 1024 * 1024;

/**
 * Records the received screen with `MediaRecorder` (a chunk every 2 s) into a ChunkQueue.
 * `stop()` ends the recorder, waits for its last chunk and every upload, then calls `finish`.
 */
export class SessionRecorder {
  private recorder: MediaRecorder | null = null;
  private lastChunk: Promise<void> = Promise.resolve();

  constructor(
    readonly queue: ChunkQueue,
    private readonly finish: () => Promise<unknown>,
  ) {}

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  start(stream: MediaStream): void {
    if (this.recorder || this.queue.state().stopped) return;
    const recorder = new MediaRecorder(stream, { mimeType: recordingMimeType() });
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      if (this.queue.push(event.data) === null && recorder.state === 'recording') recorder.stop();
    };
    this.lastChunk = new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    recorder.start(chunkIntervalMs);
    this.recorder = recorder;
  }

  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    if (recorder.state !== 'inactive') recorder.stop();
    await this.lastChunk;
    await this.queue.flush();
    this.recorder = null;
    await this.finish();
  }
}

import { encodeTile } from '../../shared/remote/protocol.js';
import type { RawFrame, ScreenSource } from './capture.js';
import type { ViewerFlow } from './flow-control.js';
import { encodeChanges, type EncodedTile } from './tile-encoder.js';
import type { Transport } from './transport.js';

/** What the streamer keeps per viewer (the Viewer class holds it). */
export interface StreamTarget {
  monitorId: number;
  flow: ViewerFlow;
  /** the frame this viewer's picture was last brought to; null: send everything */
  last: RawFrame | null;
  /** tiles of the current frame waiting for the flow-control window */
  queue: EncodedTile[];
  nextSeq: number;
  /** `monitor:width×height` last announced with a `screen` message */
  screenKey: string;
  lastScale: number;
  transport(): Transport | null;
}

const frameGapMs = 1000 / 30;
/** no change for this long: capture less often until something happens (input, a new viewer, a change) */
const idleAfterMs = 1000;
const idleGapMs = 150;

/**
 * A session's screen loop: one capture per monitor being watched, per tick, shared by every viewer of
 * that monitor; per viewer the changes since what it was last sent, encoded once per (previous frame,
 * quality) and sent as tiles within its flow-control window (`defaultWindow`: a screen of tiles unacknowledged). At most 30 captures a
 * second; slower when the screen stays still; a kick (input) captures at once.
 */
export class ScreenStreamer {
  readonly #targets = new Set<StreamTarget>();
  #wake: (() => void) | null = null;
  #busyUntil = 0;
  #failedAt = 0;

  constructor(
    private readonly source: ScreenSource,
    private readonly log: (line: string) => void,
  ) {}

  add(target: StreamTarget): void {
    this.#targets.add(target);
    this.kick();
  }

  remove(target: StreamTarget): void {
    this.#targets.delete(target);
  }

  /** Capture soon and stay quick for a second (input just went to the device). */
  kick(): void {
    this.#busyUntil = Date.now() + idleAfterMs;
    this.#wake?.();
  }

  /** A viewer acknowledged a tile: send what waits, maybe capture again. */
  acked(target: StreamTarget, seq: number): void {
    target.flow.acked(seq, Date.now());
    this.pump(target);
    this.#wake?.();
  }

  /** Sends queued tiles while the viewer's window allows. */
  pump(target: StreamTarget): void {
    const transport = target.transport();
    if (!transport) return;
    const now = Date.now();
    while (target.queue.length > 0 && target.flow.canSend(now)) {
      const tile = target.queue.shift()!;
      const seq = target.nextSeq;
      target.nextSeq = (target.nextSeq + 1) >>> 0;
      transport.sendBinary(encodeTile({ ...tile, seq }));
      target.flow.sent(seq, now);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const started = Date.now();
      const changed = await this.#tick(started);
      const rest = frameGapMs - (Date.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      if (signal.aborted) break;
      const waiting = ![...this.#targets].some((t) => this.#due(t, Date.now()));
      const idle = !changed && Date.now() > this.#busyUntil;
      if (waiting || idle) await this.#sleep(waiting ? 1000 : idleGapMs, signal);
    }
  }

  #due(target: StreamTarget, now: number): boolean {
    return target.transport() !== null && target.queue.length === 0 && target.flow.canSend(now);
  }

  async #tick(now: number): Promise<boolean> {
    const byMonitor = new Map<number, StreamTarget[]>();
    for (const target of this.#targets)
      if (this.#due(target, now)) byMonitor.set(target.monitorId, [...(byMonitor.get(target.monitorId) ?? []), target]);
    let changed = false;
    for (const [monitorId, targets] of byMonitor) {
      let frame: RawFrame;
      try {
        frame = await this.source.capture(monitorId);
      } catch (error) {
        if (now - this.#failedAt > 60_000) this.log(`screen capture failed: ${(error as Error).message}`);
        this.#failedAt = now;
        continue;
      }
      const encoded = new Map<string, Promise<EncodedTile[]>>();
      for (const target of targets) {
        const transport = target.transport();
        if (!transport) continue;
        const screenKey = `${monitorId}:${frame.width}x${frame.height}`;
        if (target.screenKey !== screenKey) {
          target.screenKey = screenKey;
          target.last = null;
          transport.sendText({ t: 'screen', monitorId, width: frame.width, height: frame.height });
        }
        const quality = target.flow.quality;
        if (quality.scale !== target.lastScale) {
          target.lastScale = quality.scale;
          target.last = null;
        }
        const key = `${target.last?.id ?? 0}:${quality.quality}:${quality.scale}`;
        let tiles = encoded.get(key);
        if (!tiles) {
          tiles = encodeChanges(target.last, frame, quality);
          encoded.set(key, tiles);
        }
        const ready = await tiles;
        target.last = frame;
        if (ready.length === 0) continue;
        changed = true;
        target.queue.push(...ready);
        this.pump(target);
      }
    }
    if (changed) this.#busyUntil = Date.now() + idleAfterMs;
    return changed;
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.#wake = done;
    });
  }
}

import type { Quality } from './tile-encoder.js';

/** From the best picture to the lightest: quality 80 → 30, then the scale 1 → 0.75 → 0.5. */
export const qualitySteps: readonly Quality[] = [
  { quality: 80, scale: 1 },
  { quality: 65, scale: 1 },
  { quality: 50, scale: 1 },
  { quality: 40, scale: 1 },
  { quality: 30, scale: 1 },
  { quality: 40, scale: 0.75 },
  { quality: 30, scale: 0.75 },
  { quality: 30, scale: 0.5 },
];

export interface FlowOptions {
  /** tiles sent and not yet acknowledged, at most */
  window?: number;
  /** acknowledgements slower than this (smoothed) step the picture down */
  slowMs?: number;
  /** faster than this (smoothed) for `settleMs` step it back up */
  fastMs?: number;
  settleMs?: number;
  /** a tile never acknowledged for this long no longer holds the window (a transport that lost it) */
  staleMs?: number;
}

/**
 * Tiles a viewer may have unacknowledged by default: a whole screen's worth of changes (a
 * whole-screen change is about six 64 KiB tiles), so a frame's tiles never wait for each other's
 * acknowledgements, and at most 384 KiB is on its way at once.
 */
export const defaultWindow = 6;

/**
 * A viewer's flow control: at most `window` (`defaultWindow`) tiles unacknowledged, the time from a tile's sending
 * to its `ack` smoothed (EWMA), and the JPEG quality and scale stepped down when acknowledgements come
 * slowly (a slow link or a slow console) and back up when they come quickly again.
 */
export class ViewerFlow {
  readonly #window: number;
  readonly #slowMs: number;
  readonly #fastMs: number;
  readonly #settleMs: number;
  readonly #staleMs: number;
  readonly #inFlight = new Map<number, number>();
  #step = 0;
  #ackMs: number | null = null;
  #changedAt = 0;

  constructor(options: FlowOptions = {}) {
    this.#window = options.window ?? defaultWindow;
    this.#slowMs = options.slowMs ?? 300;
    this.#fastMs = options.fastMs ?? 100;
    this.#settleMs = options.settleMs ?? 2000;
    this.#staleMs = options.staleMs ?? 10_000;
  }

  get quality(): Quality {
    return qualitySteps[this.#step] ?? qualitySteps[0]!;
  }

  /** smoothed acknowledgement time, null before the first */
  get ackMs(): number | null {
    return this.#ackMs;
  }

  get unacknowledged(): number {
    return this.#inFlight.size;
  }

  canSend(now: number): boolean {
    for (const [seq, sentAt] of this.#inFlight) if (now - sentAt > this.#staleMs) this.#inFlight.delete(seq);
    return this.#inFlight.size < this.#window;
  }

  sent(seq: number, now: number): void {
    this.#inFlight.set(seq, now);
  }

  /** An ack: true when the quality changed (the viewer is then sent a full screen at the new quality). */
  acked(seq: number, now: number): boolean {
    const sentAt = this.#inFlight.get(seq);
    if (sentAt === undefined) return false;
    this.#inFlight.delete(seq);
    const took = now - sentAt;
    this.#ackMs = this.#ackMs === null ? took : this.#ackMs * 0.7 + took * 0.3;
    if (this.#ackMs > this.#slowMs && this.#step < qualitySteps.length - 1 && now - this.#changedAt >= 500) {
      this.#step += 1;
      this.#changedAt = now;
      return true;
    }
    if (this.#ackMs < this.#fastMs && this.#step > 0 && now - this.#changedAt >= this.#settleMs) {
      this.#step -= 1;
      this.#changedAt = now;
      return true;
    }
    return false;
  }

  /** A new transport: what was in flight on the old one will not be acknowledged. */
  reset(): void {
    this.#inFlight.clear();
  }
}

import { systemScreens, type RawFrame, type ScreenSource } from './capture.js';
import { encodeChanges, type EncodedTile, type Quality } from './tile-encoder.js';

export interface CaptureLoopOptions {
  /** how long to run */
  durationMs: number;
  /** default: the device's screens (node-screenshots; needs DISPLAY on Linux) */
  source?: ScreenSource;
  /** default: the primary monitor */
  monitorId?: number;
  /** default: the best step, quality 80 at full scale */
  quality?: Quality;
  /** default 30, the cap a session uses */
  maxFps?: number;
  /** sees each changed frame's tiles (a bench can check them; nothing is sent anywhere) */
  onTiles?: (tiles: EncodedTile[], frame: RawFrame) => void;
}

export interface CaptureLoopResult {
  /** screens captured */
  captures: number;
  /** captures that differed from the one before, hence encoded into tiles */
  frames: number;
  tiles: number;
  /** JPEG bytes of all tiles */
  bytes: number;
  seconds: number;
}

/**
 * The agent's capture-and-encode loop alone, with no network and no viewer: capture the monitor,
 * compare with the previous capture by bands, encode what changed as JPEG tiles, at most `maxFps`
 * times a second, for `durationMs`. A session runs the same three steps per tick (see
 * screen-streamer.ts); this is the ceiling a session's frame rate is measured against.
 *
 *   const r = await runCaptureLoop({ durationMs: 10_000 });
 *   console.log(r.frames / r.seconds, 'changed frames per second');
 */
export async function runCaptureLoop(options: CaptureLoopOptions): Promise<CaptureLoopResult> {
  const source = options.source ?? (await systemScreens());
  const monitors = source.monitors();
  const monitorId = options.monitorId ?? (monitors.find((m) => m.primary) ?? monitors[0])?.id ?? 0;
  const quality = options.quality ?? { quality: 80, scale: 1 };
  const minGapMs = 1000 / (options.maxFps ?? 30);
  const result: CaptureLoopResult = { captures: 0, frames: 0, tiles: 0, bytes: 0, seconds: 0 };
  const started = performance.now();
  let previous: RawFrame | null = null;
  while (performance.now() - started < options.durationMs) {
    const tickStart = performance.now();
    const frame = await source.capture(monitorId);
    result.captures += 1;
    const tiles = await encodeChanges(previous, frame, quality);
    previous = frame;
    if (tiles.length > 0) {
      result.frames += 1;
      result.tiles += tiles.length;
      for (const tile of tiles) result.bytes += tile.jpeg.byteLength;
      options.onTiles?.(tiles, frame);
    }
    const wait = minGapMs - (performance.now() - tickStart);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

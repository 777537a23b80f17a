import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeBinary, encodeTile } from '../../shared/remote/protocol.js';
import type { RawFrame } from './capture.js';
import { runCaptureLoop } from './capture-loop.js';
import { encodeChanges, maxMessageBytes } from './tile-encoder.js';

const W = 1280;
const H = 800;
function solid(rgb: [number, number, number], id = 1): RawFrame {
  const rgba = Buffer.alloc(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([...rgb, 255], i * 4);
  return { width: W, height: H, rgba, id };
}
function withBox(frame: RawFrame, x: number, y: number, size: number, rgb: [number, number, number]): RawFrame {
  const rgba = Buffer.from(frame.rgba);
  for (let r = y; r < y + size; r++) for (let c = x; c < x + size; c++) rgba.set([...rgb, 255], (r * W + c) * 4);
  return { ...frame, rgba, id: frame.id + 1 };
}
function noise(id: number): RawFrame {
  const rgba = Buffer.alloc(W * H * 4);
  let seed = id * 7919;
  for (let i = 0; i < rgba.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    rgba[i] = seed >> 16;
  }
  return { width: W, height: H, rgba, id };
}
const best = { quality: 80, scale: 1 };

describe('encodeChanges', () => {
  it('the first frame is one full-screen JPEG of the screen', async () => {
    const tiles = await encodeChanges(null, solid([10, 200, 30]), best);
    expect(tiles).toHaveLength(1);
    expect(tiles[0]).toMatchObject({ full: true, x: 0, y: 0, w: W, h: H, screenW: W, screenH: H });
    const { data, info } = await sharp(tiles[0]!.jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([W, H]);
    expect(Math.abs(data[0]! - 10) + Math.abs(data[1]! - 200) + Math.abs(data[2]! - 30)).toBeLessThan(15);
  });

  it('nothing changed: no tile; a small change: the band holding it, at its place', async () => {
    const before = solid([0, 0, 0]);
    expect(await encodeChanges(before, { ...before, id: 2 }, best)).toEqual([]);
    const after = withBox(before, 600, 100, 10, [255, 0, 0]);
    const tiles = await encodeChanges(before, after, best);
    expect(tiles.map(({ jpeg: _j, ...t }) => t)).toEqual([
      { full: false, x: 0, y: 96, w: W, h: 32, screenW: W, screenH: H },
    ]);
    const { data } = await sharp(tiles[0]!.jpeg).raw().toBuffer({ resolveWithObject: true });
    const px = ((100 - 96 + 5) * W + 605) * 3;
    expect(data[px]).toBeGreaterThan(200);
  });

  it('a scaled quality sends smaller JPEGs for the same rectangles', async () => {
    const before = solid([0, 0, 0]);
    const tiles = await encodeChanges(before, withBox(before, 0, 0, 8, [255, 255, 255]), { quality: 30, scale: 0.5 });
    expect(tiles.map(({ jpeg: _j, ...t }) => t)).toEqual([
      { full: false, x: 0, y: 0, w: W, h: 32, screenW: W, screenH: H },
    ]);
    expect(await sharp(tiles[0]!.jpeg).metadata()).toMatchObject({ width: 640, height: 16 });
    const whole = await encodeChanges(null, before, { quality: 30, scale: 0.5 });
    expect(whole[0]).toMatchObject({ full: true, w: 640, h: 400, screenW: W, screenH: H });
  });

  it('every message fits in the protocol limit, even a screen of noise, and the strips cover what changed', async () => {
    const tiles = [
      ...(await encodeChanges(null, noise(1), best)),
      ...(await encodeChanges(
        noise(1),
        {
          ...noise(2),
          rgba: Buffer.concat([noise(2).rgba.subarray(0, W * 4 * 300), noise(1).rgba.subarray(W * 4 * 300)]),
        },
        best,
      )),
    ];
    expect(tiles.length).toBeGreaterThan(10);
    const first = await encodeChanges(null, noise(1), best);
    let covered = 0;
    for (const t of first) {
      expect(t.y).toBe(covered);
      covered += t.h;
    }
    expect(covered).toBe(H);
    for (const tile of tiles) {
      const message = encodeTile({ ...tile, seq: 1 });
      expect(message.byteLength).toBeLessThanOrEqual(maxMessageBytes);
      expect(decodeBinary(message)).toMatchObject({ kind: 'tile', x: tile.x, y: tile.y, w: tile.w, h: tile.h });
    }
  });
});

describe('runCaptureLoop', () => {
  it('counts captures, changed frames, tiles and bytes from any screen source, capped in rate', async () => {
    let n = 0;
    const source = {
      monitors: () => [{ id: 7, name: 'test', x: 0, y: 0, width: W, height: H, primary: true }],
      capture: async () => (n++ % 2 === 0 ? solid([0, 0, 0], n) : withBox(solid([0, 0, 0], n), 10, 10, 4, [9, 9, 9])),
    };
    const result = await runCaptureLoop({ durationMs: 1000, source, maxFps: 5 });
    expect(result.captures).toBeGreaterThanOrEqual(2);
    expect(result.captures).toBeLessThanOrEqual(6);
    expect(result.frames).toBe(result.captures);
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.seconds).toBeGreaterThanOrEqual(1);
  });
});

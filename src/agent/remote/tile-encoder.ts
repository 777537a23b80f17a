import type { Sharp } from 'sharp';
import { remoteMessageMaxBytes, type Tile } from '../../shared/remote/protocol.js';
import { bandRows, changedStrips, type Strip } from './band-diff.js';
import type { RawFrame } from './capture.js';

/** Every message the agent sends is at most this big, header included (the protocol's limit). */
export const maxMessageBytes = remoteMessageMaxBytes;
const tileHeaderBytes = 20;
const maxJpegBytes = maxMessageBytes - tileHeaderBytes;

/** A tile before its sequence number is given (per viewer). */
export type EncodedTile = Omit<Tile, 'seq'>;

/** JPEG quality (30–80) and scale (1, 0.75, 0.5) of what is sent. */
export interface Quality {
  quality: number;
  scale: number;
}

/** More than this share of the rows changed: try the whole screen as one tile first. */
const fullScreenShare = 0.6;

/**
 * The tiles that bring a viewer from `previous` (what it was last sent; null: nothing yet) to
 * `current`: nothing when nothing changed; else the changed strips (full width, `bandRows` rows at
 * least), each JPEG at the quality's scale (the console draws a tile stretched over its rectangle).
 * When most of the screen changed, the whole screen as one `full` tile if it fits in a message. A strip
 * whose JPEG does not fit in a message is cut into smaller strips, and at one band encoded again at a
 * lower quality: every tile fits in `maxMessageBytes`.
 */
export async function encodeChanges(previous: RawFrame | null, current: RawFrame, q: Quality): Promise<EncodedTile[]> {
  const strips = changedStrips(previous, current);
  if (strips.length === 0) return [];
  const changedRows = strips.reduce((sum, s) => sum + s.h, 0);
  if (changedRows > current.height * fullScreenShare) {
    const full = await fullTile(current, q);
    if (full) return [full];
  }
  const tiles: EncodedTile[] = [];
  for (const strip of strips) tiles.push(...(await stripTiles(current, strip, q)));
  return tiles;
}

type SharpModule = (typeof import('sharp'))['default'];
let sharpModule: Promise<SharpModule> | null = null;
/** sharp (libvips), loaded on first use like the agent's other native parts: an agent that never shows a screen never needs it. */
const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default));

async function rows(frame: RawFrame, strip: Strip, scale: number) {
  const sharp = await loadSharp();
  const stride = frame.width * 4;
  const image = sharp(frame.rgba.subarray(strip.y * stride, (strip.y + strip.h) * stride), {
    raw: { width: frame.width, height: strip.h, channels: 4 },
  });
  if (scale === 1) return { image, w: frame.width, h: strip.h };
  const w = Math.max(1, Math.round(frame.width * scale));
  const h = Math.max(1, Math.round(strip.h * scale));
  return { image: image.resize(w, h, { fit: 'fill' }), w, h };
}

const jpeg = (image: Sharp, quality: number) =>
  image.jpeg({ quality: Math.round(quality), chromaSubsampling: '4:2:0' }).toBuffer();

/** The whole screen as one JPEG at the quality's scale, or null when it does not fit in a message. */
export async function fullTile(frame: RawFrame, q: Quality): Promise<EncodedTile | null> {
  const { image, w, h } = await rows(frame, { y: 0, h: frame.height }, q.scale);
  const bytes = await jpeg(image, q.quality);
  if (bytes.byteLength > maxJpegBytes) return null;
  return { full: true, x: 0, y: 0, w, h, screenW: frame.width, screenH: frame.height, jpeg: bytes };
}

async function stripTiles(frame: RawFrame, strip: Strip, q: Quality): Promise<EncodedTile[]> {
  const { image } = await rows(frame, strip, q.scale);
  const bytes = await jpeg(image, q.quality);
  if (bytes.byteLength <= maxJpegBytes)
    return [
      {
        full: false,
        x: 0,
        y: strip.y,
        w: frame.width,
        h: strip.h,
        screenW: frame.width,
        screenH: frame.height,
        jpeg: bytes,
      },
    ];
  if (strip.h > bandRows) {
    // cut into as many band-aligned parts as the size says, with some room
    const parts = Math.min(Math.ceil(strip.h / bandRows), Math.ceil((bytes.byteLength / maxJpegBytes) * 1.25));
    const partRows = Math.ceil(strip.h / parts / bandRows) * bandRows;
    const tiles: EncodedTile[] = [];
    for (let y = strip.y; y < strip.y + strip.h; y += partRows)
      tiles.push(...(await stripTiles(frame, { y, h: Math.min(partRows, strip.y + strip.h - y) }, q)));
    return tiles;
  }
  if (strip.h > 8) {
    const half = Math.ceil(strip.h / 2);
    return [
      ...(await stripTiles(frame, { y: strip.y, h: half }, q)),
      ...(await stripTiles(frame, { y: strip.y + half, h: strip.h - half }, q)),
    ];
  }
  if (q.quality > 10) return stripTiles(frame, strip, { ...q, quality: Math.max(10, q.quality - 20) });
  return [];
}

import sharp, { type Sharp } from 'sharp';
import type { Tile } from '../../shared/remote/protocol.js';
import { changedStrips, type Strip } from './band-diff.js';
import type { RawFrame } from './capture.js';

/** Every message the agent sends is at most this big (header included). */
export const maxMessageBytes = 256 * 1024;
const tileHeaderBytes = 20;
const maxJpegBytes = maxMessageBytes - tileHeaderBytes;

/** A tile before its sequence number is given (per viewer). */
export type EncodedTile = Omit<Tile, 'seq'>;

/** JPEG quality (30–80) and scale (1, 0.75, 0.5) of what is sent. */
export interface Quality {
  quality: number;
  scale: number;
}

/** More than this share of the rows changed: one full-screen tile costs less than many strips. */
const fullScreenShare = 0.6;

/**
 * The tiles that bring a viewer from `previous` (what it was last sent; null: nothing yet) to
 * `current`: nothing when nothing changed; the changed strips at full size; or, when most of the
 * screen changed or the link asks for a smaller scale, the whole screen (scaled, `full` set). A tile
 * that would not fit in a message is split, or encoded again at a lower quality.
 */
export async function encodeChanges(previous: RawFrame | null, current: RawFrame, q: Quality): Promise<EncodedTile[]> {
  const strips = changedStrips(previous, current);
  if (strips.length === 0) return [];
  const changedRows = strips.reduce((sum, s) => sum + s.h, 0);
  if (q.scale < 1 || changedRows > current.height * fullScreenShare) return [await fullTile(current, q)];
  const tiles: EncodedTile[] = [];
  for (const strip of strips) tiles.push(...(await stripTiles(current, strip, q.quality)));
  return tiles;
}

function rows(frame: RawFrame, strip: Strip) {
  const stride = frame.width * 4;
  return sharp(frame.rgba.subarray(strip.y * stride, (strip.y + strip.h) * stride), {
    raw: { width: frame.width, height: strip.h, channels: 4 },
  });
}

const jpeg = (image: Sharp, quality: number) =>
  image.jpeg({ quality: Math.round(quality), chromaSubsampling: '4:2:0' }).toBuffer();

/** The whole screen as one JPEG of (width × scale) × (height × scale); smaller still if it does not fit. */
export async function fullTile(frame: RawFrame, q: Quality): Promise<EncodedTile> {
  let { quality, scale } = q;
  for (;;) {
    const w = Math.max(1, Math.round(frame.width * scale));
    const h = Math.max(1, Math.round(frame.height * scale));
    let image = rows(frame, { y: 0, h: frame.height });
    if (w !== frame.width || h !== frame.height) image = image.resize(w, h, { fit: 'fill' });
    const bytes = await jpeg(image, quality);
    if (bytes.byteLength <= maxJpegBytes || (quality <= 10 && scale <= 0.1))
      return { full: true, x: 0, y: 0, w, h, screenW: frame.width, screenH: frame.height, jpeg: bytes };
    if (quality > 10) quality = Math.max(10, quality - 20);
    else scale *= 0.75;
  }
}

async function stripTiles(frame: RawFrame, strip: Strip, quality: number): Promise<EncodedTile[]> {
  const bytes = await jpeg(rows(frame, strip), quality);
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
  if (strip.h > 1) {
    const half = Math.ceil(strip.h / 2);
    return [
      ...(await stripTiles(frame, { y: strip.y, h: half }, quality)),
      ...(await stripTiles(frame, { y: strip.y + half, h: strip.h - half }, quality)),
    ];
  }
  if (quality > 10) return stripTiles(frame, strip, Math.max(10, quality - 20));
  return [];
}

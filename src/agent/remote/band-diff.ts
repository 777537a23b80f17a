import type { RawFrame } from './capture.js';

/** Rows compared as one: a change anywhere in a band sends the band. */
export const bandRows = 32;

/** A horizontal strip of the screen, full width: rows `y` to `y + h`. */
export interface Strip {
  y: number;
  h: number;
}

/**
 * The strips of `current` that differ from `previous`, compared band by band (`bandRows` rows, byte
 * for byte) and joined when adjacent. No previous frame, or one of another size: the whole screen.
 */
export function changedStrips(previous: RawFrame | null, current: RawFrame, rows = bandRows): Strip[] {
  if (!previous || previous.width !== current.width || previous.height !== current.height)
    return [{ y: 0, h: current.height }];
  if (previous.rgba === current.rgba) return [];
  const stride = current.width * 4;
  const strips: Strip[] = [];
  for (let y = 0; y < current.height; y += rows) {
    const h = Math.min(rows, current.height - y);
    const start = y * stride;
    const end = start + h * stride;
    if (current.rgba.compare(previous.rgba, start, end, start, end) === 0) continue;
    const last = strips.at(-1);
    if (last && last.y + last.h === y) last.h += h;
    else strips.push({ y, h });
  }
  return strips;
}

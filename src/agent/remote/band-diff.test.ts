import { describe, expect, it } from 'vitest';
import { changedStrips } from './band-diff.js';
import type { RawFrame } from './capture.js';

const frame = (width: number, height: number, fill = 0): RawFrame => ({
  width,
  height,
  rgba: Buffer.alloc(width * height * 4, fill),
  id: 0,
});
function paint(f: RawFrame, x: number, y: number): RawFrame {
  const copy = { ...f, rgba: Buffer.from(f.rgba) };
  copy.rgba[(y * f.width + x) * 4] = 255;
  return copy;
}

describe('changedStrips', () => {
  it('sends the whole screen with nothing before it, or when the size changed', () => {
    expect(changedStrips(null, frame(100, 70))).toEqual([{ y: 0, h: 70 }]);
    expect(changedStrips(frame(100, 60), frame(100, 70))).toEqual([{ y: 0, h: 70 }]);
  });

  it('sends nothing when nothing changed', () => {
    expect(changedStrips(frame(100, 70), frame(100, 70))).toEqual([]);
  });

  it('sends the band holding a changed pixel, joins adjacent bands, keeps distant ones apart', () => {
    const before = frame(100, 200);
    expect(changedStrips(before, paint(before, 99, 40))).toEqual([{ y: 32, h: 32 }]);
    expect(changedStrips(before, paint(paint(before, 0, 40), 5, 70))).toEqual([{ y: 32, h: 64 }]);
    expect(changedStrips(before, paint(paint(before, 0, 0), 5, 150))).toEqual([
      { y: 0, h: 32 },
      { y: 128, h: 32 },
    ]);
  });

  it('gives the last, shorter band its true height', () => {
    const before = frame(10, 70);
    expect(changedStrips(before, paint(before, 3, 69))).toEqual([{ y: 64, h: 6 }]);
  });
});

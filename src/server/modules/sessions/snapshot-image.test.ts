import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageSize } from './snapshot-image.js';

const png = (width: number, height: number) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    ihdr,
    Buffer.alloc(4),
  ]);
};

describe('imageSize', () => {
  it('reads width and height from a PNG header', () => {
    expect(imageSize('image/png', png(1280, 800))).toEqual({ width: 1280, height: 800 });
  });

  it('reads width and height from a JPEG frame header, past the segments before it', () => {
    const sof = Buffer.from([0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0]);
    const app0 = Buffer.concat([Buffer.from([0xff, 0xe0, 0, 6]), Buffer.from('JFIF')]);
    expect(imageSize('image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]))).toEqual({
      width: 640,
      height: 480,
    });
    // a real one, as ffmpeg writes it (tables and a comment before its frame)
    const real = readFileSync(new URL('../../../../tests/fixtures/snapshot-64x48.jpg', import.meta.url));
    expect(imageSize('image/jpeg', real)).toEqual({ width: 64, height: 48 });
  });

  it('refuses bytes that are not what the type says', () => {
    expect(imageSize('image/jpeg', png(10, 10))).toBeNull();
    expect(imageSize('image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(imageSize('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageSize('image/png', png(0, 10))).toBeNull();
    expect(imageSize('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});

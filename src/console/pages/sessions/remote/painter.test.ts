import { describe, expect, it } from 'vitest';
import type { Tile } from '../../../../shared/remote/protocol.js';
import { TilePainter } from './painter.js';

const tile = (seq: number, patch: Partial<Tile> = {}): Tile => ({
  seq,
  full: false,
  x: 10,
  y: 20,
  w: 30,
  h: 40,
  screenW: 1280,
  screenH: 800,
  jpeg: new Uint8Array([seq]),
  ...patch,
});

describe('tile painter', () => {
  it('draws tiles in order, sizes the canvas to the screen, stretches full tiles, acks after drawing', async () => {
    const canvas = { width: 300, height: 150 };
    const log: string[] = [];
    const sizes: string[] = [];
    const painter = new TilePainter<{ id: number; close: () => void }>({
      canvas,
      // the first tile decodes last: order still holds
      decode: (jpeg) =>
        new Promise((resolve) =>
          setTimeout(
            () => resolve({ id: jpeg[0]!, close: () => log.push(`close ${jpeg[0]}`) }),
            jpeg[0] === 1 ? 20 : 0,
          ),
        ),
      draw: (bitmap, x, y, w, h) => log.push(`draw ${bitmap.id} ${x},${y} ${w}x${h}`),
      ack: (seq) => log.push(`ack ${seq}`),
      onSize: (w, h) => sizes.push(`${w}x${h}`),
    });
    void painter.paint(tile(1, { full: true, w: 640, h: 400 }));
    await painter.paint(tile(2));
    expect(canvas).toEqual({ width: 1280, height: 800 });
    expect(sizes).toEqual(['1280x800']);
    expect(log).toEqual(['draw 1 0,0 1280x800', 'close 1', 'ack 1', 'draw 2 10,20 30x40', 'close 2', 'ack 2']);
  });

  it('acks a tile that does not decode (the agent keeps sending) and stops once stopped', async () => {
    const acks: number[] = [];
    const painter = new TilePainter({
      canvas: { width: 0, height: 0 },
      decode: () => Promise.reject(new Error('bad jpeg')),
      draw: () => undefined,
      ack: (seq) => acks.push(seq),
    });
    await painter.paint(tile(7));
    painter.stop();
    await painter.paint(tile(8));
    expect(acks).toEqual([7]);
  });
});

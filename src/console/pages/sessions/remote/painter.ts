import type { Tile } from '../../../../shared/remote/protocol.js';

/** A decoded image that can be drawn and then let go. */
export interface Bitmap {
  close?: () => void;
}

export interface PainterOptions<B extends Bitmap> {
  /** the canvas (its size follows the device screen's) */
  canvas: { width: number; height: number };
  draw: (bitmap: B, x: number, y: number, w: number, h: number) => void;
  /** JPEG bytes to an image (createImageBitmap in a browser) */
  decode: (jpeg: Uint8Array<ArrayBuffer>) => Promise<B>;
  /** the tile was drawn (or could not be decoded): tell the agent, which sends more */
  ack: (seq: number) => void;
  /** the device screen's size changed */
  onSize?: (width: number, height: number) => void;
}

/**
 * Draws a device session's screen tiles on a canvas in the order they came: each decoded, drawn at
 * its place (a `full` tile stretched over the whole screen: it may be scaled down), then acknowledged.
 * The canvas takes the device screen's size, so the page keeps its aspect.
 */
export class TilePainter<B extends Bitmap> {
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: PainterOptions<B>) {}

  paint(tile: Tile): Promise<void> {
    this.chain = this.chain.then(() => this.drawOne(tile));
    return this.chain;
  }

  stop(): void {
    this.stopped = true;
  }

  private async drawOne(tile: Tile) {
    if (this.stopped) return;
    let bitmap: B | null = null;
    try {
      bitmap = await this.opts.decode(new Uint8Array(tile.jpeg));
      if (this.stopped) return;
      const { canvas } = this.opts;
      if (canvas.width !== tile.screenW || canvas.height !== tile.screenH) {
        canvas.width = tile.screenW;
        canvas.height = tile.screenH;
        this.opts.onSize?.(tile.screenW, tile.screenH);
      }
      if (tile.full) this.opts.draw(bitmap, 0, 0, tile.screenW, tile.screenH);
      else this.opts.draw(bitmap, tile.x, tile.y, tile.w, tile.h);
    } catch {
      // a tile that does not decode is skipped; the next full one repairs the picture
    } finally {
      bitmap?.close?.();
      if (!this.stopped) this.opts.ack(tile.seq);
    }
  }
}

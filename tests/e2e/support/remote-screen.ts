import type { Page } from '@playwright/test';

/**
 * The device's screen as the console shows it: the canvas `data-testid="remote-screen"` the
 * session view draws decoded tiles on. Tests read its pixels back (`getImageData` of a copy) and turn a
 * device pixel into a point on the page to click (the canvas may be drawn smaller than the screen,
 * and letterboxed by `object-fit: contain`).
 */

export const remoteScreen = (page: Page) => page.getByTestId('remote-screen');

/** [r, g, b] as numbers from `#rrggbb`. */
export const rgbOf = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** The largest difference of one channel (JPEG moves colours a little); Infinity for no pixel. */
export const colourDistance = (a: readonly number[] | null, b: readonly number[]) =>
  a ? Math.max(...b.map((value, i) => Math.abs(value - (a[i] ?? 0)))) : Infinity;

/**
 * The colour at device pixel (x, y) of a screen of (screenWidth × screenHeight), as the canvas holds
 * it now; null while the canvas is empty (no frame drawn) or absent.
 */
export function screenPixel(page: Page, x: number, y: number, screenWidth: number, screenHeight: number) {
  return page.evaluate(
    ([px, py, sw, sh]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="remote-screen"]');
      if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
      const cx = Math.min(canvas.width - 1, Math.floor((px * canvas.width) / sw));
      const cy = Math.min(canvas.height - 1, Math.floor((py * canvas.height) / sh));
      // copied onto a canvas of the test's own: never asks the console's canvas for a context
      const copy = document.createElement('canvas');
      copy.width = 1;
      copy.height = 1;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, cx, cy, 1, 1, 0, 0, 1, 1);
      const data = context.getImageData(0, 0, 1, 1).data;
      // a canvas never drawn on is transparent black
      return data[3] === 0 ? null : [data[0]!, data[1]!, data[2]!];
    },
    [x, y, screenWidth, screenHeight] as const,
  );
}

/** The share of the canvas whose colour is within `tolerance` of `colour` (a coarse grid of samples). */
export function shareOfColour(page: Page, colour: readonly number[], tolerance = 40) {
  return page.evaluate(
    ([rgb, tol]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="remote-screen"]');
      if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let hits = 0;
      let samples = 0;
      const step = Math.max(1, Math.floor(canvas.width / 64));
      for (let y = 0; y < canvas.height; y += step)
        for (let x = 0; x < canvas.width; x += step) {
          const i = (y * canvas.width + x) * 4;
          samples += 1;
          if (rgb.every((v, c) => Math.abs(v - data[i + c]!) <= tol)) hits += 1;
        }
      return samples ? hits / samples : 0;
    },
    [colour, tolerance] as const,
  );
}

/**
 * Where on the page device pixel (x, y) is shown: the point to click or hover for it, and the device
 * pixel a click there stands for (within a pixel or two of (x, y) when the canvas is drawn smaller).
 */
export async function pagePointOf(page: Page, x: number, y: number, screenWidth: number, screenHeight: number) {
  const box = await remoteScreen(page).evaluate((canvas: HTMLCanvasElement) => {
    // no functions declared in here: the bundler that runs a bench would name them (__name)
    const rect = canvas.getBoundingClientRect();
    const style = getComputedStyle(canvas);
    const [bl, bt, br, bb, pl, pt, pr, pb] = [
      style.borderLeftWidth,
      style.borderTopWidth,
      style.borderRightWidth,
      style.borderBottomWidth,
      style.paddingLeft,
      style.paddingTop,
      style.paddingRight,
      style.paddingBottom,
    ].map((value) => Number.parseFloat(value) || 0) as [number, number, number, number, number, number, number, number];
    return {
      left: rect.left + bl + pl,
      top: rect.top + bt + pt,
      width: rect.width - bl - br - pl - pr,
      height: rect.height - bt - bb - pt - pb,
      fit: style.objectFit,
      cw: canvas.width,
      ch: canvas.height,
    };
  });
  let { left, top, width, height } = box;
  if ((box.fit === 'contain' || box.fit === 'scale-down') && box.cw > 0 && box.ch > 0) {
    // the picture keeps its proportions inside the element: bands on two sides
    const scale = Math.min(width / box.cw, height / box.ch);
    const shownWidth = box.cw * scale;
    const shownHeight = box.ch * scale;
    left += (width - shownWidth) / 2;
    top += (height - shownHeight) / 2;
    width = shownWidth;
    height = shownHeight;
  }
  // a mouse event's clientX/clientY are whole CSS pixels: the nearest one to the pixel's centre, and
  // the device pixel it stands for (the canvas drawn smaller than the screen covers several per CSS pixel)
  const pageX = Math.floor(left + ((x + 0.5) * width) / screenWidth);
  const pageY = Math.floor(top + ((y + 0.5) * height) / screenHeight);
  const clamp = (value: number, max: number) => Math.min(Math.max(Math.floor(value), 0), max - 1);
  return {
    x: pageX,
    y: pageY,
    device: {
      x: clamp(((pageX - left) * screenWidth) / width, screenWidth),
      y: clamp(((pageY - top) * screenHeight) / height, screenHeight),
    },
  };
}

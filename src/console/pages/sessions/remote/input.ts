import { mouseButtons, modifierKeys, type RemoteToAgent } from '../../../../shared/remote/protocol.js';

type Modifier = (typeof modifierKeys)[number];
type Button = (typeof mouseButtons)[number];

/**
 * A pointer position on the shown canvas, in the device screen's pixels: the canvas may be drawn
 * smaller than the screen, and inside its box with bands on two sides (`object-fit: contain`).
 */
export function devicePoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  screen: { width: number; height: number },
): { x: number; y: number } {
  const clamp = (value: number, max: number) => Math.min(Math.max(Math.floor(value), 0), Math.max(max - 1, 0));
  const scale = Math.min(rect.width / screen.width, rect.height / screen.height) || 1;
  const left = rect.left + (rect.width - screen.width * scale) / 2;
  const top = rect.top + (rect.height - screen.height * scale) / 2;
  return { x: clamp((clientX - left) / scale, screen.width), y: clamp((clientY - top) / scale, screen.height) };
}

/** MouseEvent.button to the protocol's names (back and forward buttons are not sent). */
export function mouseButton(button: number): Button | null {
  return button === 0 ? 'left' : button === 1 ? 'middle' : button === 2 ? 'right' : null;
}

export function modifiersOf(e: { shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): Modifier[] {
  const held: Modifier[] = [];
  if (e.shiftKey) held.push('shift');
  if (e.ctrlKey) held.push('control');
  if (e.altKey) held.push('alt');
  if (e.metaKey) held.push('meta');
  return held;
}

/** Keys the browser reports while composing or not knowing: nothing to press on the device. */
const noKey = new Set(['Dead', 'Unidentified', 'Process']);

/** A keydown or keyup as the agent reads it; null for a key that presses nothing. */
export function keyMessage(
  action: 'down' | 'up',
  e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
): RemoteToAgent | null {
  if (!e.key || noKey.has(e.key) || e.key.length > 32) return null;
  return { t: 'key', action, key: e.key, modifiers: modifiersOf(e) };
}

const linePixels = 40;
const pagePixels = 800;

/** A wheel turn in pixels (lines and pages converted), bounded as the protocol allows. */
export function wheelMessage(e: { deltaX: number; deltaY: number; deltaMode: number }): RemoteToAgent | null {
  const factor = e.deltaMode === 1 ? linePixels : e.deltaMode === 2 ? pagePixels : 1;
  const bound = (v: number) => Math.max(-10_000, Math.min(10_000, Math.round(v * factor)));
  const dx = bound(e.deltaX);
  const dy = bound(e.deltaY);
  return dx === 0 && dy === 0 ? null : { t: 'wheel', dx, dy };
}

/**
 * Pointer moves sent at most once per animation frame: the last position of the frame wins.
 * A click flushes the pending move first, so the button lands where the pointer was.
 */
export class MoveThrottle {
  private pending: { x: number; y: number } | null = null;
  private scheduled = false;

  constructor(
    private readonly send: (point: { x: number; y: number }) => void,
    private readonly frame: (callback: () => void) => void = (callback) => void requestAnimationFrame(callback),
  ) {}

  move(point: { x: number; y: number }): void {
    this.pending = point;
    if (this.scheduled) return;
    this.scheduled = true;
    this.frame(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  flush(): void {
    const point = this.pending;
    this.pending = null;
    if (point) this.send(point);
  }
}

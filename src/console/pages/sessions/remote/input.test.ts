import { describe, expect, it } from 'vitest';
import { remoteToAgent } from '../../../../shared/remote/protocol.js';
import { devicePoint, keyMessage, modifiersOf, mouseButton, MoveThrottle, wheelMessage } from './input.js';

const none = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };

describe('remote input', () => {
  it('maps a point on the scaled, letterboxed canvas to the device screen, inside it', () => {
    const rect = { left: 100, top: 50, width: 640, height: 400 };
    const screen = { width: 1280, height: 800 };
    expect(devicePoint(420, 250, rect, screen)).toEqual({ x: 640, y: 400 });
    expect(devicePoint(0, 0, rect, screen)).toEqual({ x: 0, y: 0 });
    expect(devicePoint(5000, 5000, rect, screen)).toEqual({ x: 1279, y: 799 });
    // a box wider than the picture: bands left and right (object-fit: contain)
    expect(devicePoint(500, 200, { left: 0, top: 0, width: 1000, height: 400 }, screen)).toEqual({ x: 640, y: 400 });
    expect(devicePoint(180, 0, { left: 0, top: 0, width: 1000, height: 400 }, screen)).toEqual({ x: 0, y: 0 });
  });

  it('names buttons and modifiers as the protocol does', () => {
    expect([0, 1, 2, 3].map(mouseButton)).toEqual(['left', 'middle', 'right', null]);
    expect(modifiersOf({ shiftKey: true, ctrlKey: true, altKey: true, metaKey: true })).toEqual([
      'shift',
      'control',
      'alt',
      'meta',
    ]);
  });

  it('turns keys into messages the agent accepts, and skips keys that press nothing', () => {
    const message = keyMessage('down', { ...none, key: 'c', ctrlKey: true });
    expect(message).toEqual({ t: 'key', action: 'down', key: 'c', modifiers: ['control'] });
    expect(remoteToAgent.safeParse(message).success).toBe(true);
    expect(keyMessage('up', { ...none, key: 'F5' })).toMatchObject({ action: 'up', key: 'F5', modifiers: [] });
    expect(keyMessage('down', { ...none, key: 'Dead' })).toBeNull();
    expect(keyMessage('down', { ...none, key: 'Unidentified' })).toBeNull();
  });

  it('converts wheel lines and pages to pixels, within bounds', () => {
    expect(wheelMessage({ deltaX: 0, deltaY: 3, deltaMode: 1 })).toEqual({ t: 'wheel', dx: 0, dy: 120 });
    expect(wheelMessage({ deltaX: -2.4, deltaY: 100, deltaMode: 0 })).toEqual({ t: 'wheel', dx: -2, dy: 100 });
    expect(wheelMessage({ deltaX: 0, deltaY: 1e9, deltaMode: 0 })).toEqual({ t: 'wheel', dx: 0, dy: 10_000 });
    expect(wheelMessage({ deltaX: 0, deltaY: 0, deltaMode: 0 })).toBeNull();
  });

  it('sends one move per animation frame, the last position, and flushes before a click', () => {
    const frames: (() => void)[] = [];
    const sent: string[] = [];
    const throttle = new MoveThrottle(
      (p) => sent.push(`${p.x},${p.y}`),
      (cb) => frames.push(cb),
    );
    throttle.move({ x: 1, y: 1 });
    throttle.move({ x: 2, y: 2 });
    throttle.move({ x: 3, y: 3 });
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(sent).toEqual(['3,3']);
    throttle.move({ x: 4, y: 4 });
    throttle.flush();
    frames.shift()!();
    expect(sent).toEqual(['3,3', '4,4']);
  });
});

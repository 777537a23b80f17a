import { execFileSync } from 'node:child_process';
import type { Monitor, RemoteToAgent } from '../../shared/remote/protocol.js';
import { comboKeys, mapKey } from './keymap.js';
import { onPath } from './run-command.js';

/** What input needs from the system (robotjs on the device; a recorder in tests). */
export interface InputDriver {
  move(x: number, y: number): void;
  toggle(action: 'down' | 'up', button: string): void;
  click(button: string, double: boolean): void;
  scroll(x: number, y: number): void;
  keyTap(key: string, modifiers: string[]): void;
  keyToggle(key: string, action: 'down' | 'up', modifiers: string[]): void;
  type(text: string): void;
}

interface Robot {
  moveMouse(x: number, y: number): void;
  mouseToggle(down: string, button: string): void;
  mouseClick(button: string, double: boolean): void;
  scrollMouse(x: number, y: number): void;
  keyTap(key: string, modifier: string[]): void;
  keyToggle(key: string, down: string, modifier: string[]): void;
  typeString(text: string): void;
  setMouseDelay(ms: number): void;
  setKeyboardDelay(ms: number): void;
}

/**
 * Text on X11: robotjs presses a character's key without the modifier its layout needs (`!` comes out
 * as `1`, `é` not at all); xdotool types any character on any layout (it maps a spare key when needed).
 */
function xdotoolType(text: string): boolean {
  try {
    execFileSync('xdotool', ['type', '--delay', '0', '--', text], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Mouse and keyboard through @jitsi/robotjs (X11 on Linux), loaded on first use; on Linux text is
 * typed with xdotool when it is installed.
 */
export async function robotInput(platform: NodeJS.Platform = process.platform): Promise<InputDriver> {
  const useXdotool = platform === 'linux' && (await onPath('xdotool'));
  const imported = (await import('@jitsi/robotjs')) as unknown as { default?: Robot } & Robot;
  const robot = imported.default ?? imported;
  robot.setMouseDelay(0);
  robot.setKeyboardDelay(0);
  return {
    move: (x, y) => robot.moveMouse(x, y),
    toggle: (action, button) => robot.mouseToggle(action, button),
    click: (button, double) => robot.mouseClick(button, double),
    scroll: (x, y) => robot.scrollMouse(x, y),
    keyTap: (key, modifiers) => robot.keyTap(key, modifiers),
    keyToggle: (key, action, modifiers) => robot.keyToggle(key, action, modifiers),
    type: (text) => {
      if (!useXdotool || !xdotoolType(text)) robot.typeString(text);
    },
  };
}

type InputMessage = Extract<RemoteToAgent, { t: 'mouse' | 'wheel' | 'key' | 'type' | 'combo' }>;

/** Browser wheel deltas are pixels (about 100 a notch); the system scrolls by notches. */
const notches = (delta: number) =>
  delta === 0 ? 0 : Math.sign(delta) * Math.min(20, Math.max(1, Math.round(Math.abs(delta) / 100)));

/**
 * Applies one input message on the shown monitor: pointer positions are that monitor's pixels (the
 * monitor's origin added), keys are mapped from KeyboardEvent names (keymap.ts).
 */
export function applyInput(
  driver: InputDriver,
  message: InputMessage,
  monitor: Pick<Monitor, 'x' | 'y' | 'width' | 'height'>,
  platform: NodeJS.Platform,
): void {
  switch (message.t) {
    case 'mouse': {
      const x = monitor.x + Math.min(message.x, monitor.width - 1);
      const y = monitor.y + Math.min(message.y, monitor.height - 1);
      const button = message.button ?? 'left';
      driver.move(x, y);
      if (message.action === 'down' || message.action === 'up') driver.toggle(message.action, button);
      else if (message.action === 'click' || message.action === 'dblclick')
        driver.click(button, message.action === 'dblclick');
      return;
    }
    case 'wheel':
      // robotjs: positive y scrolls up; the browser's positive deltaY scrolls down
      driver.scroll(-notches(message.dx), -notches(message.dy));
      return;
    case 'key': {
      const mapped = mapKey(message.key, message.modifiers);
      if (!mapped) return;
      if (mapped.kind === 'text') {
        if (message.action !== 'up') driver.type(mapped.text);
      } else if (message.action === 'tap') driver.keyTap(mapped.key, mapped.modifiers);
      else driver.keyToggle(mapped.key, message.action, mapped.modifiers);
      return;
    }
    case 'type':
      driver.type(message.text);
      return;
    case 'combo': {
      const { key, modifiers } = comboKeys(message.combo, platform);
      driver.keyTap(key, modifiers);
      return;
    }
  }
}

import type { modifierKeys } from '../../shared/remote/protocol.js';

type Modifier = (typeof modifierKeys)[number];

/** robotjs's names of the modifiers: Meta is the Windows key, Command on a Mac. */
const modifierNames: Record<Modifier, string> = { shift: 'shift', control: 'control', alt: 'alt', meta: 'command' };

/** KeyboardEvent.key names of keys that print nothing, and robotjs's names for them. */
const namedKeys: Record<string, string> = {
  Enter: 'enter',
  Tab: 'tab',
  Backspace: 'backspace',
  Escape: 'escape',
  Esc: 'escape',
  Delete: 'delete',
  Del: 'delete',
  Insert: 'insert',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Up: 'up',
  Down: 'down',
  Left: 'left',
  Right: 'right',
  ' ': 'space',
  Spacebar: 'space',
  PrintScreen: 'printscreen',
  ContextMenu: 'menu',
  Shift: 'shift',
  Control: 'control',
  Alt: 'alt',
  AltGraph: 'right_alt',
  Meta: 'command',
  OS: 'command',
  NumLock: 'numpad_lock',
  AudioVolumeMute: 'audio_mute',
  AudioVolumeDown: 'audio_vol_down',
  AudioVolumeUp: 'audio_vol_up',
  MediaPlayPause: 'audio_play',
  MediaStop: 'audio_stop',
  MediaTrackNext: 'audio_next',
  MediaTrackPrevious: 'audio_prev',
};

export type MappedKey =
  /** a key robotjs presses by name, with modifiers held */
  | { kind: 'key'; key: string; modifiers: string[] }
  /** a printable character with no shortcut modifier: typed as text, whatever the device's layout */
  | { kind: 'text'; text: string };

/**
 * A key as the console names it (KeyboardEvent.key) and its modifiers, as robotjs presses it.
 * Printable characters without Control/Alt/Meta are typed as text (so `A`, `é` or `@` come out right
 * on any keyboard layout); with one of those they are a shortcut (`control`+`c`). Null: a key with no
 * equivalent (`Dead`, `Unidentified`, `Process`…), ignored.
 */
export function mapKey(key: string, modifiers: readonly Modifier[]): MappedKey | null {
  const mods = [...new Set(modifiers)].map((m) => modifierNames[m]);
  const named = namedKeys[key];
  if (named) return { kind: 'key', key: named, modifiers: mods.filter((m) => m !== named) };
  const fn = /^F([1-9]|1[0-9]|2[0-4])$/.exec(key);
  if (fn) return { kind: 'key', key: `f${fn[1]}`, modifiers: mods };
  if ([...key].length !== 1) return null;
  const shortcut = modifiers.some((m) => m !== 'shift');
  if (!shortcut) return { kind: 'text', text: key };
  return { kind: 'key', key: key.toLowerCase(), modifiers: mods };
}

/** The combinations a browser keeps for itself, per system. */
export function comboKeys(
  combo: 'ctrl-alt-del' | 'win' | 'alt-tab' | 'lock',
  platform: NodeJS.Platform,
): { key: string; modifiers: string[] } {
  switch (combo) {
    case 'ctrl-alt-del':
      return { key: 'delete', modifiers: ['control', 'alt'] };
    case 'win':
      return { key: 'command', modifiers: [] };
    case 'alt-tab':
      return platform === 'darwin' ? { key: 'tab', modifiers: ['command'] } : { key: 'tab', modifiers: ['alt'] };
    case 'lock':
      if (platform === 'darwin') return { key: 'q', modifiers: ['control', 'command'] };
      if (platform === 'win32') return { key: 'l', modifiers: ['command'] };
      return { key: 'l', modifiers: ['control', 'alt'] };
  }
}

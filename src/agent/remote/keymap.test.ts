import { describe, expect, it } from 'vitest';
import { comboKeys, mapKey } from './keymap.js';

describe('mapKey', () => {
  it('maps named keys to robotjs names, keeping the modifiers', () => {
    expect(mapKey('Enter', [])).toEqual({ kind: 'key', key: 'enter', modifiers: [] });
    expect(mapKey('ArrowLeft', ['shift'])).toEqual({ kind: 'key', key: 'left', modifiers: ['shift'] });
    expect(mapKey('PageDown', [])).toEqual({ kind: 'key', key: 'pagedown', modifiers: [] });
    expect(mapKey(' ', [])).toEqual({ kind: 'key', key: 'space', modifiers: [] });
    expect(mapKey('F5', [])).toEqual({ kind: 'key', key: 'f5', modifiers: [] });
    expect(mapKey('F24', ['alt'])).toEqual({ kind: 'key', key: 'f24', modifiers: ['alt'] });
    expect(mapKey('Meta', [])).toEqual({ kind: 'key', key: 'command', modifiers: [] });
    expect(mapKey('Escape', ['meta', 'meta'])).toEqual({ kind: 'key', key: 'escape', modifiers: ['command'] });
  });

  it('a modifier pressed alone does not hold itself', () => {
    expect(mapKey('Control', ['control'])).toEqual({ kind: 'key', key: 'control', modifiers: [] });
  });

  it('types printable characters as text unless a shortcut modifier is held', () => {
    expect(mapKey('a', [])).toEqual({ kind: 'text', text: 'a' });
    expect(mapKey('A', ['shift'])).toEqual({ kind: 'text', text: 'A' });
    expect(mapKey('é', [])).toEqual({ kind: 'text', text: 'é' });
    expect(mapKey('@', ['shift'])).toEqual({ kind: 'text', text: '@' });
    expect(mapKey('c', ['control'])).toEqual({ kind: 'key', key: 'c', modifiers: ['control'] });
    expect(mapKey('T', ['control', 'shift'])).toEqual({ kind: 'key', key: 't', modifiers: ['control', 'shift'] });
  });

  it('ignores keys with no equivalent', () => {
    for (const key of ['Dead', 'Unidentified', 'Process', 'F25', 'ab']) expect(mapKey(key, [])).toBeNull();
  });
});

describe('comboKeys', () => {
  it('gives each system its combination', () => {
    expect(comboKeys('ctrl-alt-del', 'win32')).toEqual({ key: 'delete', modifiers: ['control', 'alt'] });
    expect(comboKeys('alt-tab', 'linux')).toEqual({ key: 'tab', modifiers: ['alt'] });
    expect(comboKeys('alt-tab', 'darwin')).toEqual({ key: 'tab', modifiers: ['command'] });
    expect(comboKeys('lock', 'win32')).toEqual({ key: 'l', modifiers: ['command'] });
    expect(comboKeys('win', 'linux')).toEqual({ key: 'command', modifiers: [] });
  });
});

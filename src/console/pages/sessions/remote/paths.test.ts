import { describe, expect, it } from 'vitest';
import { joinDevicePath, parentDevicePath } from './paths.js';

describe('device paths', () => {
  it('joins a folder and a name with the folder’s own separator', () => {
    expect(joinDevicePath('/home/u', 'a.txt')).toBe('/home/u/a.txt');
    expect(joinDevicePath('/', 'etc')).toBe('/etc');
    expect(joinDevicePath('C:\\Users\\u', 'a.txt')).toBe('C:\\Users\\u\\a.txt');
    expect(joinDevicePath('C:\\', 'Users')).toBe('C:\\Users');
  });

  it('goes up one folder, never above the root', () => {
    expect(parentDevicePath('/home/u')).toBe('/home');
    expect(parentDevicePath('/home/')).toBe('/');
    expect(parentDevicePath('/')).toBe('/');
    expect(parentDevicePath('C:\\Users\\u')).toBe('C:\\Users');
    expect(parentDevicePath('C:\\Users')).toBe('C:\\');
  });
});

import { describe, expect, it } from 'vitest';
import { codeDigits, formatCode, parseCode } from './code.js';

describe('session codes', () => {
  it('shows the digits in groups of three as they are typed', () => {
    expect(formatCode('')).toBe('');
    expect(formatCode('1')).toBe('1');
    expect(formatCode('1234')).toBe('123 4');
    expect(formatCode('123456')).toBe('123 456');
    expect(formatCode('123456789')).toBe('123 456 789');
  });

  it('tolerates pasted spaces, dashes and text, and keeps at most nine digits', () => {
    expect(formatCode(' 123-456-789 ')).toBe('123 456 789');
    expect(formatCode('Code: 123 456 789.')).toBe('123 456 789');
    expect(codeDigits('1234567890')).toBe('123456789');
    expect(formatCode('123 456 7891')).toBe('123 456 789');
  });

  it('gives the code to send only when it has exactly nine digits', () => {
    expect(parseCode('123 456 789')).toBe('123456789');
    expect(parseCode('123-456-789')).toBe('123456789');
    expect(parseCode('12345678')).toBeNull();
    expect(parseCode('1234567890')).toBeNull();
    expect(parseCode('abc')).toBeNull();
  });
});

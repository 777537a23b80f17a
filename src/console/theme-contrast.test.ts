import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { theme } from './theme.js';
import { contrastRatio, contrastVariables, readableOn } from './theme-contrast.js';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const { light } = contrastVariables(full);

describe('the console colours read at 4.5:1 or more', () => {
  it('darkens a pale colour just enough and leaves a dark one alone', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 0);
    expect(readableOn('#212529', '#ffffff')).toBe('#212529');
    const yellow = readableOn(DEFAULT_THEME.colors.yellow[9], DEFAULT_THEME.colors.yellow[1]);
    expect(contrastRatio(yellow, DEFAULT_THEME.colors.yellow[1])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(DEFAULT_THEME.colors.yellow[9], DEFAULT_THEME.colors.yellow[1])).toBeLessThan(4.5);
  });

  it.each(Object.keys(full.colors))('%s: light badges and buttons, and coloured text on white', (name) => {
    const shades = full.colors[name]!;
    for (const background of [shades[1], shades[2]])
      expect(contrastRatio(light[`--mantine-color-${name}-light-color`]!, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light[`--mantine-color-${name}-text`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('field errors on white and links on a selected row', () => {
    expect(contrastRatio(light['--mantine-color-error']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light['--mantine-color-anchor']!, full.colors.indigo[1])).toBeGreaterThanOrEqual(4.5);
  });
});

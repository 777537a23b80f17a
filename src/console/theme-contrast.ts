import { darken, luminance, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';

/** WCAG AA asks 4.5:1 for text; a little more keeps rounding and anti-aliasing on the safe side. */
const minimumContrast = 4.6;

export function contrastRatio(foreground: string, background: string): number {
  const [a, b] = [luminance(foreground), luminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** `color` darkened by the least step (5 %) that reads at `minimumContrast` or more on `background`. */
export function readableOn(color: string, background: string): string {
  for (let amount = 0; amount < 1; amount += 0.05) {
    const candidate = amount === 0 ? color : darken(color, amount);
    if (contrastRatio(candidate, background) >= minimumContrast) return candidate;
  }
  return '#000000';
}

/**
 * Mantine's light colour scheme writes coloured text that is too pale for many of its colours: a light badge's or
 * button's text (shade 9 on shade 1, or shade 2 when hovered: green reads at 3.8:1, yellow at 2.7:1), coloured text (`c="teal"`, the filled
 * shade on white: 3.1:1), field errors (red.6 on white: 3.3:1) and links. Each is darkened just enough to read at
 * 4.5:1 or more; colours that already do are left as they are. Filled backgrounds get black or white text by the
 * theme's `autoContrast`. The dark scheme's colours already read well.
 */
export const contrastVariables: CSSVariablesResolver = (theme: MantineTheme) => {
  const light: Record<string, string> = {};
  const filledShade = typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade.light;
  for (const [name, shades] of Object.entries(theme.colors)) {
    // on the light background and on its hover (shade 2, darker): a button is hovered as it is clicked
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9], shades[2]);
    light[`--mantine-color-${name}-text`] = readableOn(shades[filledShade], '#ffffff');
  }
  const primary = theme.colors[theme.primaryColor]!;
  light['--mantine-color-error'] = readableOn(theme.colors.red[6], '#ffffff');
  // links sit on white and on the primary colour's light background (a selected row)
  light['--mantine-color-anchor'] = readableOn(primary[filledShade], primary[1]);
  return { variables: {}, light, dark: {} };
};

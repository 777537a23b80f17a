import {
  ColorInput,
  createTheme,
  DEFAULT_THEME,
  Modal,
  Notification,
  PasswordInput,
  type MantineThemeOverride,
} from '@mantine/core';
import type { TFunction } from 'i18next';

/**
 * Mantine's gray.6 (#868e96), which is also its `dimmed` text colour, reads at 3.32:1 on white: below WCAG AA's
 * 4.5:1. #646b73 reads at 5.39:1 on white and at 4.5:1 or more on the light grey and indigo backgrounds (gray.0–2,
 * indigo.0), so dimmed text stays readable everywhere it is used.
 */
const gray = DEFAULT_THEME.colors.gray.map((shade, index) =>
  index === 6 ? '#646b73' : shade,
) as unknown as (typeof DEFAULT_THEME.colors)['gray'];

export const theme = createTheme({
  primaryColor: 'indigo',
  colors: { gray },
  // Shade 7 keeps white-on-primary text above 4.5:1 contrast in light mode.
  primaryShade: { light: 7, dark: 5 },
  // black or white text on a filled background, whichever reads better: the threshold is where both read at 4.5:1
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  // menus, dialogs and notifications appear at once for people whose system asks for less motion
  respectReducedMotion: true,
});

/** Translated labels for the controls Mantine renders itself (close buttons, password toggle). */
export function localisedTheme(t: TFunction): MantineThemeOverride {
  return {
    ...theme,
    components: {
      ColorInput: ColorInput.extend({
        defaultProps: { eyeDropperButtonProps: { 'aria-label': t('common.pickColor') } },
      }),
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { 'aria-label': t('common.closeNotification') } },
      }),
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('fields.togglePassword') } },
      }),
    },
  };
}

import { createTheme, Modal, Notification, PasswordInput, type MantineThemeOverride } from '@mantine/core';
import type { TFunction } from 'i18next';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white-on-primary text above 4.5:1 contrast in light mode.
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
});

/** Translated labels for the controls Mantine renders itself (close buttons, password toggle). */
export function localisedTheme(t: TFunction): MantineThemeOverride {
  return {
    ...theme,
    components: {
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

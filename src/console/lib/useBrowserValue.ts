import { useSyncExternalStore } from 'react';

const never = () => () => undefined;

/**
 * A value only the browser knows (its address, a permission), read while rendering: `serverValue`
 * while the server draws the page and while the browser takes the drawn page over, so that both
 * draw the same; the browser's own value follows at once. `read` must give the same value for the
 * same state (a string, a number, a boolean).
 */
export function useBrowserValue<T extends string | number | boolean>(read: () => T, serverValue: T): T {
  return useSyncExternalStore(never, read, () => serverValue);
}

const origin = () => window.location.origin;

/** The console's own origin (`https://tandem.example.com`); empty while drawn by the server. */
export function useBrowserOrigin(): string {
  return useBrowserValue(origin, '');
}

import { hydrate, type QueryClient } from '@tanstack/react-query';
import { isLanguage } from './i18n.js';
import { browserTimeZone } from './lib/time.js';
import type { Language } from '../shared/locales.js';
import { stateElementId, timeZoneCookie } from '../shared/console-document.js';

/**
 * The page the server drew, if it did: its answers are put into the query cache (so the page is
 * taken over with what it shows) and its language returned. Null for a plain document.
 */
export function serverRenderedPage(queryClient: QueryClient): { language: Language } | null {
  const element = document.getElementById(stateElementId);
  if (!element?.textContent) return null;
  try {
    const { state, language } = JSON.parse(element.textContent) as { state: unknown; language: unknown };
    if (!isLanguage(language) || typeof state !== 'object' || state === null) return null;
    hydrate(queryClient, state);
    return { language };
  } catch {
    return null;
  }
}

/** Tells the server this browser's time zone, for the next page it draws (a year-long cookie, this site only). */
export function rememberTimeZone(): void {
  document.cookie = `${timeZoneCookie}=${encodeURIComponent(browserTimeZone())}; path=/; max-age=31536000; samesite=lax`;
}

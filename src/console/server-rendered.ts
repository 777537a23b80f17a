import { hydrate, type QueryClient } from '@tanstack/react-query';
import { isLanguage } from './i18n.js';
import { browserTimeZone } from './lib/time.js';
import type { Language } from '../shared/locales.js';
import { colorSchemeCookie, stateElementId, timeZoneCookie } from '../shared/console-document.js';

/** Whether this document came with a page the server drew (never while the server draws it). */
export function pageWasDrawn(): boolean {
  return typeof document !== 'undefined' && document.getElementById(stateElementId) !== null;
}

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

function setCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * Tells the server what it needs to draw the next page as this browser would (year-long cookies,
 * this site only): its time zone now, and the colour scheme Mantine shows, whenever it changes.
 */
export function rememberBrowser(): void {
  setCookie(timeZoneCookie, browserTimeZone());
  const html = document.documentElement;
  const remember = () => {
    const scheme = html.getAttribute('data-mantine-color-scheme');
    if (scheme === 'light' || scheme === 'dark') setCookie(colorSchemeCookie, scheme);
  };
  new MutationObserver(remember).observe(html, { attributes: true, attributeFilter: ['data-mantine-color-scheme'] });
  remember();
}

import { startPreloadAttribute, stateElementId } from '../../../shared/console-document.js';

/** What the console's server render gives (src/console/server-entry.tsx `RenderedPage`). */
export interface RenderedPage {
  html: string;
  state: unknown;
  language: string;
}

const rootElement = '<div id="root"></div>';

/**
 * JSON that can sit inside a `<script>` element whatever the strings in it hold: every `<` is
 * written as `\u003c`, so a device or company named `</script><script>…` stays text.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const languageTag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/**
 * Chromium holds the start of a document back until it has its first 1,024 bytes (or all of it):
 * a shorter first part would reach the page only with the rest, once the page is drawn.
 */
const firstPartBytes = 1024;

/** A document's first part as it is sent ahead of the rest: padded with a comment to the bytes a browser waits for. */
export function firstPartToSend(head: string): string {
  const missing = firstPartBytes - Buffer.byteLength(head);
  return missing > 0 ? `${head}<!--${' '.repeat(Math.max(0, missing - '<!---->'.length))}-->` : head;
}

const startPreload = new RegExp(`<link [^>]*${startPreloadAttribute}[^>]*>\\s*`, 'g');

/**
 * The console's document (the built index.html) in two parts, so that the first can leave before
 * the page is drawn (the browser fetches the styles and scripts meanwhile): everything before the
 * root element, with the language and the colour scheme on `<html>` and without the preloads of
 * the console's own chunks (`startPreloadAttribute`); then the root element holding the drawn page (or
 * empty: the plain document's, drawn by the browser), its answers beside it, and the rest. Null
 * when the template has no empty root element (a build that does not match this server) or the
 * language is not a language tag.
 */
export interface DocumentParts {
  head: string;
  rest(page: RenderedPage | null): string;
}

export function documentParts(
  template: string,
  language: string,
  colorScheme: 'light' | 'dark' = 'light',
): DocumentParts | null {
  const at = template.indexOf(rootElement);
  if (at < 0 || !languageTag.test(language)) return null;
  const head = template
    .slice(0, at)
    .replace(/<html lang="[^"]*"/, `<html lang="${language}" data-mantine-color-scheme="${colorScheme}"`)
    // the console's chunks come after the drawn page's first paint, not beside its styles
    .replace(startPreload, '');
  const tail = template.slice(at + rootElement.length);
  return {
    head,
    rest: (page) =>
      page
        ? // inert until the console has taken it over: a click before then would be lost, so none is taken
          `<div id="root" inert>${page.html}</div>` +
          `<script type="application/json" id="${stateElementId}">${scriptSafeJson({ state: page.state, language: page.language })}</script>` +
          tail
        : rootElement + tail,
  };
}

/** The whole document holding a drawn page (see documentParts). */
export function documentWithPage(
  template: string,
  page: RenderedPage,
  colorScheme: 'light' | 'dark' = 'light',
): string | null {
  const parts = documentParts(template, page.language, colorScheme);
  return parts && parts.head + parts.rest(page);
}

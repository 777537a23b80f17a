/** What the console's server render gives (src/console/server-entry.tsx `RenderedPage`). */
export interface RenderedPage {
  html: string;
  state: unknown;
  language: string;
}

/** The id of the element holding the rendered page's answers, read by the console's main.tsx. */
export const stateElementId = 'console-state';

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

/**
 * The console's document (the built index.html) holding a rendered page: its markup in the root
 * element, its answers beside it, its language on `<html>`. Null when the template has no empty
 * root element to fill (a build that does not match this server).
 */
export function documentWithPage(template: string, page: RenderedPage): string | null {
  const at = template.indexOf(rootElement);
  if (at < 0 || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(page.language)) return null;
  const filled =
    `<div id="root">${page.html}</div>` +
    `<script type="application/json" id="${stateElementId}">${scriptSafeJson({ state: page.state, language: page.language })}</script>`;
  const withLanguage = template.replace(/<html lang="[^"]*"/, `<html lang="${page.language}"`);
  const root = withLanguage.indexOf(rootElement);
  return withLanguage.slice(0, root) + filled + withLanguage.slice(root + rootElement.length);
}

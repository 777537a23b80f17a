import { describe, expect, it } from 'vitest';
import { startPreloadAttribute, stateElementId } from '../../../shared/console-document.js';
import { documentParts, documentWithPage, firstPartToSend, scriptSafeJson } from './document.js';
import { acceptedLanguages } from './renderer.js';

const startPreload = `<link rel="modulepreload" crossorigin href="/assets/start.js" ${startPreloadAttribute}>`;
const template = `<!doctype html>
<html lang="en">
  <head><script type="module" src="/assets/index.js"></script>
    ${startPreload}
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

describe('the console document holding a page drawn by the server', () => {
  it('puts the markup in the root element, the answers beside it and the language on <html>', () => {
    const html = documentWithPage(template, {
      html: '<main><h1>Appareils</h1></main>',
      state: { a: 1 },
      language: 'fr',
    });
    expect(html).toContain('<html lang="fr" data-mantine-color-scheme="light">');
    expect(html).toContain('<div id="root" inert><main><h1>Appareils</h1></main></div>');
    expect(html).toContain(
      `<script type="application/json" id="${stateElementId}">{"state":{"a":1},"language":"fr"}</script>`,
    );
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>');
  });

  it("leaves out the preloads of the console's own chunks: they are fetched after the first paint", () => {
    expect(template).toContain(startPreload);
    const html = documentWithPage(template, { html: '<h1>Devices</h1>', state: {}, language: 'en' })!;
    expect(html).not.toContain(startPreloadAttribute);
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>');
  });

  it('keeps what people typed as text inside the answers: no tag can close the script element', () => {
    const name = '</script><script>alert(1)</script><!--';
    const html = documentWithPage(template, { html: '', state: { devices: [{ name }] }, language: 'en' })!;
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).not.toContain('<!--');
    const json = /<script type="application\/json" id="console-state">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual({ state: { devices: [{ name }] }, language: 'en' });
  });

  it('escapes the line separators JavaScript would not take in a string', () => {
    expect(scriptSafeJson('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
  });

  it('comes in two parts: all before the page first (in the language), then the page, or the empty root', () => {
    const parts = documentParts(template, 'fr', 'dark')!;
    expect(parts.head).toContain('<html lang="fr" data-mantine-color-scheme="dark">');
    expect(parts.head).toContain('<script type="module" src="/assets/index.js"></script>');
    expect(parts.head).not.toContain('id="root"');
    // sent ahead, padded to the first 1,024 bytes a browser waits for before it reads a document
    expect(Buffer.byteLength(firstPartToSend(parts.head))).toBe(1024);
    expect(firstPartToSend(parts.head + 'x'.repeat(1024))).toBe(parts.head + 'x'.repeat(1024));
    expect(parts.head + parts.rest(null)).toBe(
      template.replace('lang="en"', 'lang="fr" data-mantine-color-scheme="dark"').replace(`${startPreload}\n  `, ''),
    );
    const page = { html: '<h1>Appareils</h1>', state: {}, language: 'fr' };
    expect(parts.head + parts.rest(page)).toBe(documentWithPage(template, page, 'dark'));
  });

  it('answers null (the plain document) for a template without an empty root or an odd language', () => {
    expect(
      documentWithPage('<html lang="en"><body></body></html>', { html: '', state: {}, language: 'en' }),
    ).toBeNull();
    expect(documentWithPage(template, { html: '', state: {}, language: 'en"><script>' })).toBeNull();
  });
});

describe("the browser's languages, from its Accept-Language", () => {
  it('in order of preference, weights and all', () => {
    expect(acceptedLanguages('fr-CA;q=0.9, en-GB, de;q=0.1, *;q=0.5')).toEqual(['en-GB', 'fr-CA', 'de']);
  });

  it('leaves out what is not a language tag, and refused ones (q=0)', () => {
    expect(acceptedLanguages('en;q=0, <script>, fr')).toEqual(['fr']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { anAccount } from '../support/builders/accounts.js';
import { aUser } from '../support/builders/users.js';
import { bearerFor, signIn } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * How the server answers an address of the console (modules/console-page), with a stand-in for the
 * console's Node build: an entry that asks the app what a page asks (as the browser's session) and
 * draws what it was told to. The real build is proven by the browser suite
 * (tests/e2e/server-rendered-pages.spec.ts).
 */
const consoleDir = mkdtempSync(path.join(tmpdir(), 'tandem-console-'));
const template =
  '<!doctype html><html lang="en"><head><title>Tandem</title></head><body><div id="root"></div></body></html>';
writeFileSync(path.join(consoleDir, 'index.html'), template);
const entry = path.join(consoleDir, 'server-entry.mjs');
writeFileSync(
  entry,
  `export async function renderConsolePage(request) {
  const how = globalThis.__consoleRender;
  how.seen.push(request);
  const me = await request.fetch('/api/v1/me', { method: 'GET' });
  how.answers.push(me.status);
  if (me.status !== 200) return null;
  const written = await request.fetch('/api/v1/me', { method: 'PATCH' });
  how.answers.push(written.status);
  const { user } = await me.json();
  request.onLanguage?.(user.language);
  if (how.fail) throw new Error('the page failed to draw');
  return { html: '<main id="main"><h1>' + how.heading + '</h1></main>', state: { who: user.email, typed: how.typed }, language: user.language };
}`,
);

interface RenderControl {
  seen: { url: string; browserLanguages: string[]; timeZone: string | null }[];
  answers: number[];
  fail: boolean;
  heading: string;
  typed: string;
}
const control: RenderControl = { seen: [], answers: [], fail: false, heading: 'Appareils', typed: '' };
(globalThis as { __consoleRender?: RenderControl }).__consoleRender = control;

const database = await createTestDatabase();
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_DATA_DIR: '/nonexistent' }),
  database,
  consoleDir,
  consoleRenderEntry: entry,
});
afterAll(() => app.close());
const account = await anAccount(database.db);
const french = await aUser(database.db, account, { role: 'administrator', language: 'fr' });
const session = await signIn(app, french.email);

beforeEach(() => {
  Object.assign(control, { seen: [], answers: [], fail: false, heading: 'Appareils', typed: '' });
});

describe('the document of a console address', () => {
  it('is the page drawn for a signed-in person, in their language, with its answers, never cached', async () => {
    control.typed = '</script><script>alert(1)</script>';
    const page = await app.inject({
      url: '/devices?status=online',
      headers: {
        cookie: `${session.headers.cookie}; tandem_time_zone=Europe/Paris; tandem_color_scheme=dark`,
        'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5',
      },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // in the colour scheme the browser last showed, which Mantine's colours hang on
    expect(page.body).toContain('<html lang="fr" data-mantine-color-scheme="dark">');
    expect(page.body).toContain('<div id="root" inert><main id="main"><h1>Appareils</h1></main></div>');
    expect(page.body).not.toContain('</script><script>alert(1)');
    const state = /<script type="application\/json" id="console-state">(.*?)<\/script>/s.exec(page.body)?.[1];
    expect(JSON.parse(state!)).toEqual({
      state: { who: french.email, typed: control.typed },
      language: 'fr',
    });
    // the page's own requests were answered as that person; a page being drawn cannot change anything
    expect(control.answers).toEqual([200, 405]);
    expect(control.seen[0]).toMatchObject({
      url: '/devices?status=online',
      browserLanguages: ['fr-CA', 'fr', 'en'],
      timeZone: 'Europe/Paris',
    });
  });

  it('is the plain document when the page fails to draw after its first part left', async () => {
    control.fail = true;
    const page = await app.inject({ url: '/users', headers: { cookie: session.headers.cookie! } });
    expect(page.statusCode).toBe(200);
    // the first part left padded to the 1,024 bytes a browser waits for (document.ts)
    expect(page.body).toMatch(/<!-- +-->/);
    expect(page.body.replace(/<!-- +-->/, '')).toBe(
      template.replace('lang="en"', 'lang="fr" data-mantine-color-scheme="light"'),
    );
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('is the plain document, drawn by the browser, for anyone signed out, an API token or an ended session', async () => {
    const token = await bearerFor(app, session);
    const ended = await signIn(app, french.email);
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: ended.headers });
    for (const headers of [{}, token.headers, { cookie: ended.headers.cookie! }]) {
      const page = await app.inject({ url: '/devices', headers });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe(template);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    // the ended session was asked about (401) and nothing was drawn; the others were never drawn at all
    expect(control.answers).toEqual([401]);
  });

  it('answers `/` as the other pages, and an API address it does not know with a JSON 404', async () => {
    const home = await app.inject({ url: '/', headers: { cookie: session.headers.cookie! } });
    expect(home.body).toContain('<h1>Appareils</h1>');
    const api = await app.inject({ url: '/api/v1/no-such-thing', headers: { cookie: session.headers.cookie! } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });
});

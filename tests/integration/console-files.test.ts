import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createTestDatabase } from '../support/test-database.js';

/** The console's built files as the server sends them: compressed copies when the browser takes them, kept when hashed. */
const consoleDir = mkdtempSync(path.join(tmpdir(), 'tandem-console-'));
mkdirSync(path.join(consoleDir, 'assets'));
const script = `console.log(${JSON.stringify('tandem '.repeat(2000))});\n`;
writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>Tandem</title><div id="root"></div>');
const asset = path.join(consoleDir, 'assets', 'start-AbC123.js');
writeFileSync(asset, script);
writeFileSync(`${asset}.br`, brotliCompressSync(script));
writeFileSync(`${asset}.gz`, gzipSync(script));

const database = await createTestDatabase();
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, consoleDir });
afterAll(() => app.close());

describe('the console files', () => {
  it('sends the Brotli copy to a browser that takes it, gzip to one that takes only gzip, else the file itself', async () => {
    const br = await app.inject({
      url: '/assets/start-AbC123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode, br.body).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url: '/assets/start-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/start-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('lets browsers keep a hashed file for good, and asks them to check the page itself each time', async () => {
    const hashed = await app.inject({ url: '/assets/start-AbC123.js' });
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await app.inject({ url: '/devices' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toMatch(/no-cache|max-age=0/);
  });
});

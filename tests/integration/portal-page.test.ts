import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

const { app } = await createTestApp();

describe('the customer portal page', () => {
  it('answers /portal/{slug} and the follow link with the page under a strict Content Security Policy', async () => {
    for (const url of ['/portal/acme-support', '/portal/acme-support/requests/00000000-0000-4000-8000-000000000000']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('/portal/_app/assets/portal-test.js');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves its built files with long caching and revalidation, and nothing else', async () => {
    const res = await app.inject({ method: 'GET', url: '/portal/_app/assets/portal-test.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    const again = await app.inject({ method: 'GET', url: '/portal/_app/assets/portal-test.js', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);

    for (const url of ['/portal/_app/assets/missing.js', '/portal/_app/index.html', '/portal/_app/../../package.json', '/portal/_app/%2e%2e/%2e%2e/package.json']) {
      const refused = await app.inject({ method: 'GET', url });
      expect(refused.statusCode, url).toBe(404);
      expect(refused.json().error.code).toBe('not_found');
    }
  });

  it('refuses an over-long slug with a clear 400', async () => {
    const res = await app.inject({ method: 'GET', url: `/portal/${'a'.repeat(90)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('says plainly when the portal has not been built', async () => {
    const database = await createTestDatabase();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-no-portal-'));
    const bare = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_DATA_DIR: '/nonexistent' }), database, consoleDir: '/nonexistent', portalDir: empty });
    try {
      const res = await bare.inject({ method: 'GET', url: '/portal/acme-support' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toMatch(/npm run build/);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

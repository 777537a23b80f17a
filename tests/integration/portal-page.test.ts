import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, slugOf } from '../support/builders/index.js';
import { createTestDatabase } from '../support/test-database.js';

const { app, database } = await createTestApp();
const account = await anAccount(database.db, { name: 'Page', companies: 3 });
const admin = await signIn(app, account.admin.email);
const slug = await slugOf(database.db, account.companyIds[0]!);

describe('the customer portal page', () => {
  it('answers /portal/{slug} and the follow link with the page under a strict Content Security Policy', async () => {
    for (const url of [
      `/portal/${slug}`,
      `/portal/${slug.toUpperCase()}`,
      '/portal/_preview',
      `/portal/${slug}/requests/00000000-0000-4000-8000-000000000000`,
    ]) {
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

  it('answers 404 with a short page in English and French for an unknown address, and "closed" for a disabled portal', async () => {
    for (const url of [
      '/portal/no-such-portal',
      '/portal/no-such-portal/requests/00000000-0000-4000-8000-000000000000',
      '/portal/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(res.body).toContain('This page does not exist');
      expect(res.body).toContain('Cette page n’existe pas');
      expect(res.body).not.toContain('<script');
      expect(res.body).not.toContain('portal-test.js');
    }

    const other = account.companyIds[1]!;
    const otherSlug = await slugOf(database.db, other);
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${other}/settings`,
      payload: { values: { 'general.language': 'fr' } },
    });
    expect(
      (
        await call(app, admin, {
          method: 'PATCH',
          url: `/api/v1/companies/${other}/portal`,
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(200);
    for (const url of [`/portal/${otherSlug}`, `/portal/${otherSlug}/requests/00000000-0000-4000-8000-000000000000`]) {
      const closed = await app.inject({ method: 'GET', url });
      expect(closed.statusCode, url).toBe(404);
      expect(closed.body).toContain('<html lang="fr">');
      expect(closed.body.indexOf('Cette page d’assistance est fermée')).toBeLessThan(
        closed.body.indexOf('This support page is closed'),
      );
      expect(closed.body).toContain('This support page is closed');
      expect(closed.body).not.toContain('portal-test.js');
    }
    await call(app, admin, { method: 'PATCH', url: `/api/v1/companies/${other}/portal`, payload: { enabled: true } });
    expect((await app.inject({ method: 'GET', url: `/portal/${otherSlug}` })).statusCode).toBe(200);
  });

  it('serves its built files with long caching and revalidation, and nothing else', async () => {
    const res = await app.inject({ method: 'GET', url: '/portal/_app/assets/portal-test.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    const again = await app.inject({
      method: 'GET',
      url: '/portal/_app/assets/portal-test.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);

    for (const url of [
      '/portal/_app/assets/missing.js',
      '/portal/_app/index.html',
      '/portal/_app/../../package.json',
      '/portal/_app/%2e%2e/%2e%2e/package.json',
    ]) {
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
    const bare = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_DATA_DIR: '/nonexistent' }),
      database,
      consoleDir: '/nonexistent',
      portalDir: empty,
    });
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

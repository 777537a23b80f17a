import { describe, expect, it } from 'vitest';
import { isPluginRoute } from '../../src/server/app.js';
import { makeAccount } from '../support/factories.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { fingerprint } from './authorization/fingerprint.js';
import { insertTestDevice } from './devices-support.js';

const { app, database } = await createTestApp();
const account = await makeAccount(database.db, 'Valid', 0);
const admin = await signIn(app, account.admin.email);
/** agent routes are called by a device, with its credential */
const device = await insertTestDevice(database.db, account.id, account.companyIds[0]);

const missingId = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:id\b/g, missingId);
const bodyRoutes = app.routeList.filter((r) => r.hasBody && !isPluginRoute(r.url));
const paramRoutes = app.routeList.filter((r) => r.url.includes(':id') && r.method !== 'HEAD');

function expectClientError(res: { statusCode: number; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/at .+\.(ts|js):\d+|node_modules|stack|SELECT|INSERT|relation /i);
  return body;
}

describe('bad input on every route with a body gets a clear 400 and changes nothing', () => {
  it('covers some routes', () => expect(bodyRoutes.length).toBeGreaterThan(5));

  for (const route of bodyRoutes) {
    const request = (payload: string, contentType = 'application/json') =>
      call(app, route.permission === 'agent' ? device : admin, { method: route.method as 'POST', url: concrete(route.url), payload, headers: { 'content-type': contentType } });

    it(`${route.method} ${route.url}: malformed JSON`, async () => {
      const before = await fingerprint(database.db);
      expectClientError(await request('{"name": '), 400, 'invalid_json');
      expect(await fingerprint(database.db)).toBe(before);
    });

    it(`${route.method} ${route.url}: wrong types, with field details`, async () => {
      const before = await fingerprint(database.db);
      const body = expectClientError(await request(JSON.stringify({ name: 42, email: false, password: [], token: {}, accountName: 1, currentPassword: 1, newPassword: 2, timeZone: 3, language: 'xx', expiresAt: 'soon' })), 400, 'validation_failed');
      expect(Array.isArray(body.error.details) && body.error.details.length).toBeGreaterThan(0);
      for (const d of body.error.details) expect(d).toEqual({ path: expect.any(String), message: expect.any(String) });
      expect(await fingerprint(database.db)).toBe(before);
    });

    it(`${route.method} ${route.url}: oversize strings`, async () => {
      const before = await fingerprint(database.db);
      const huge = 'x'.repeat(20_000);
      const res = await request(JSON.stringify({ name: huge, email: `${huge}@example.test`, password: huge, token: huge, accountName: huge, currentPassword: huge, newPassword: huge, timeZone: huge }));
      const body = expectClientError(res, 400, 'validation_failed');
      expect(body.error.details.length).toBeGreaterThan(0);
      expect(await fingerprint(database.db)).toBe(before);
    });

    it(`${route.method} ${route.url}: not an object`, async () => {
      expectClientError(await request('[1,2,3]'), 400, 'validation_failed');
      expectClientError(await request('"text"'), 400, 'validation_failed');
    });

    it(`${route.method} ${route.url}: a body over 1 MB, or not JSON`, async () => {
      expectClientError(await request(JSON.stringify({ name: 'x'.repeat(1_100_000) })), 413, 'payload_too_large');
      expectClientError(await request('name=x', 'text/plain'), 415, 'unsupported_media_type');
    });
  }
});

describe('bad ids and queries', () => {
  for (const route of paramRoutes) {
    it(`${route.method} ${route.url}: an id that is not a UUID is a 400`, async () => {
      const res = await call(app, admin, { method: route.method as 'GET', url: route.url.replace(':id', 'not-a-uuid') });
      const body = expectClientError(res, 400, 'validation_failed');
      expect(body.error.details[0].path).toBe('params.id');
    });
  }

  it('rejects a bad limit or a forged cursor on lists', async () => {
    for (const url of ['/api/v1/api-tokens', '/api/v1/audit-events']) {
      expectClientError(await call(app, admin, { method: 'GET', url: `${url}?limit=abc` }), 400, 'validation_failed');
      expectClientError(await call(app, admin, { method: 'GET', url: `${url}?limit=100000` }), 400, 'validation_failed');
      const forged = expectClientError(await call(app, admin, { method: 'GET', url: `${url}?cursor=${'%27%3B'.repeat(5)}` }), 400, 'validation_failed');
      expect(forged.error.details[0].path).toBe('query.cursor');
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expectClientError(res, 404, 'not_found');
  });
});

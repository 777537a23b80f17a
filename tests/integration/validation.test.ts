import { describe, expect, it } from 'vitest';
import { isPluginRoute } from '../../src/server/app.js';
import { makeAccount } from '../support/factories.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { fingerprint } from './authorization/fingerprint.js';
import { insertTestDevice } from './devices-support.js';
import { jsonSchemaOf, queryString, sampleOf, stringPaths, withString, type Path } from './input-samples.js';

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

// --- every route, every text field: a NUL character or an unpaired surrogate -----------------------

const fuzzRoutes = app.routeList.filter((r) => r.method !== 'HEAD' && !isPluginRoute(r.url));
const spoilers = { nul: (s: string) => `${s}\u0000`, surrogate: (s: string) => `${s}\ud800` };
/**
 * The same two in a URL: `%00`, and a surrogate's bytes (ED A0 80), which no UTF-8 decoder
 * accepts — refused in a path; in a query the parser keeps them as written, which can be stored.
 */
const urlSpoilers = { nul: '%00', surrogate: '%ED%A0%80' };
let nextAddress = 0;
/** a new loopback address per request, so per-address rate limits do not answer first */
function freshAddress(): string {
  nextAddress += 1;
  return `127.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${(nextAddress & 255) || 1}`;
}

interface FuzzCase {
  field: string;
  /** a query keeps an undecodable escape as written: any answer but a 5xx */
  anyClientAnswer?: boolean;
  url: string;
  payload?: string;
}

function paramSample(name: string, schema: Record<string, unknown> | null): string {
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const sample = props[name] ? sampleOf(props[name], schema!) : 'fuzz';
  return encodeURIComponent(String(sample));
}

/** Each string field of the route's body, query and path, spoiled one at a time. */
function fuzzCases(route: (typeof fuzzRoutes)[number]): FuzzCase[] {
  const params = jsonSchemaOf(route.input.params);
  const query = jsonSchemaOf(route.input.querystring);
  const body = jsonSchemaOf(route.input.body);
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const path = (spoiled?: string, by = '') => route.url.replace(/:(\w+)/g, (_, name: string) => (name === spoiled ? `${paramSample(name, params)}${by}` : paramSample(name, params)));
  const querySample = query ? (sampleOf(query, query) as Record<string, unknown>) : {};
  const bodySample = body ? sampleOf(body, body) : undefined;
  const payload = bodySample === undefined ? undefined : JSON.stringify(bodySample);
  const cases: FuzzCase[] = [];
  for (const [kind, by] of Object.entries(urlSpoilers)) {
    for (const name of names) cases.push({ field: `params.${name} (${kind})`, url: path(name, by) + queryString(querySample), payload });
    for (const key of Object.keys(querySample).filter((k) => typeof querySample[k] === 'string')) {
      cases.push({ field: `query.${key} (${kind})`, anyClientAnswer: kind === 'surrogate', url: `${path()}${queryString({ ...querySample, [key]: undefined })}${Object.keys(querySample).length > 1 ? '&' : '?'}${key}=fuzz${by}`, payload });
    }
  }
  if (bodySample !== undefined) {
    for (const field of stringPaths(bodySample) as Path[]) {
      for (const [kind, spoil] of Object.entries(spoilers)) {
        cases.push({ field: `${field.join('.') || '(body)'} (${kind})`, url: path() + queryString(querySample), payload: JSON.stringify(withString(bodySample, field, spoil)) });
      }
    }
  }
  return cases;
}

describe('a NUL character or an unpaired surrogate in any text field of any route is a 400, never a 500', () => {
  it('covers every route', () => expect(fuzzRoutes.length).toBeGreaterThan(100));

  for (const route of fuzzRoutes) {
    const cases = fuzzCases(route);
    if (cases.length === 0) continue;
    it(`${route.method} ${route.url}: ${cases.length} spoiled fields`, async () => {
      const caller = route.permission === 'agent' ? device : admin;
      const failures: string[] = [];
      for (const c of cases) {
        const res = await call(app, caller, {
          method: route.method as 'POST',
          url: c.url,
          remoteAddress: freshAddress(),
          ...(c.payload === undefined ? {} : { payload: c.payload, headers: { 'content-type': 'application/json' } }),
        });
        const body = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null;
        const expected = c.anyClientAnswer ? res.statusCode < 500 && (res.statusCode < 400 || body?.error) : res.statusCode === 400 && body?.error?.code === 'validation_failed';
        if (!expected) failures.push(`${c.field}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

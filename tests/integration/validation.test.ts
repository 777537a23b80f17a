import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scriptRuns } from '../../src/server/modules/device-scripts/tables.js';
import { isPluginRoute } from '../../src/server/app.js';
import { anAccount, aDevice } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { fingerprint } from './authorization/fingerprint.js';
import { insertSchedule, replaceScheduleCompanies } from '../../src/server/modules/reports/index.js';
import { jsonSchemaOf, queryString, sampleOf, stringPaths, withString, type Path } from './input-samples.js';
import { isFieldProblemCode } from '../../src/shared/field-problems.js';
import { limits } from '../../src/shared/limits.js';
import { roles } from '../../src/shared/permissions.js';

const { app, database } = await createTestApp();
const account = await anAccount(database.db, { name: 'Valid', companies: 1 });
const admin = await signIn(app, account.admin.email);
/** agent routes are called by a device, with its credential */
const device = await aDevice(database.db, account.id, account.companyIds[0]);

const missingId = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:id\b/g, missingId);
/** SCIM's routes answer bad input in SCIM's own terms (opaque ids, its error schema): tests/integration/scim.test.ts */
const apiRoutes = app.routeList.filter((r) => r.permission !== 'scim');
const bodyRoutes = apiRoutes.filter((r) => r.hasBody && !isPluginRoute(r.url));
const paramRoutes = apiRoutes.filter((r) => r.url.includes(':id') && r.method !== 'HEAD');

function expectClientError(res: { statusCode: number; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/at .+\.(ts|js):\d+|node_modules|stack|SELECT|INSERT|relation /i);
  if (code === 'validation_failed') expect(uncoded(body.error.details)).toEqual([]);
  return body;
}

/** Field problems that are not `{ path, code, params?, message }` with a code of the closed set. */
function uncoded(details: unknown): unknown[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d) =>
      typeof d?.path !== 'string' ||
      !isFieldProblemCode(d.code) ||
      typeof d.message !== 'string' ||
      !(d.params === undefined || (typeof d.params === 'object' && d.params !== null)) ||
      Object.keys(d).some((k) => !['path', 'code', 'params', 'message'].includes(k)),
  );
}

describe('bad input on every route with a body gets a clear 400 and changes nothing', () => {
  it('covers some routes', () => expect(bodyRoutes.length).toBeGreaterThan(5));

  for (const route of bodyRoutes) {
    const request = (payload: string, contentType = 'application/json') =>
      call(app, route.permission === 'agent' ? device : admin, {
        method: route.method as 'POST',
        url: concrete(route.url),
        payload,
        headers: { 'content-type': contentType },
      });

    it(`${route.method} ${route.url}: malformed JSON`, async () => {
      const before = await fingerprint(database.db);
      expectClientError(await request('{"name": '), 400, 'invalid_json');
      expect(await fingerprint(database.db)).toBe(before);
    });

    it(`${route.method} ${route.url}: wrong types, with field details`, async () => {
      const before = await fingerprint(database.db);
      const body = expectClientError(
        await request(
          JSON.stringify({
            name: 42,
            email: false,
            password: [],
            token: {},
            accountName: 1,
            currentPassword: 1,
            newPassword: 2,
            timeZone: 3,
            language: 'xx',
            expiresAt: 'soon',
          }),
        ),
        400,
        'validation_failed',
      );
      expect(Array.isArray(body.error.details) && body.error.details.length).toBeGreaterThan(0);
      // each one { path, code, params?, message }, the code of the closed set (checked by expectClientError)
      expect(body.error.details.every((d: { code: string }) => isFieldProblemCode(d.code))).toBe(true);
      expect(await fingerprint(database.db)).toBe(before);
    });

    it(`${route.method} ${route.url}: oversize strings`, async () => {
      const before = await fingerprint(database.db);
      const huge = 'x'.repeat(20_000);
      const res = await request(
        JSON.stringify({
          name: huge,
          email: `${huge}@example.test`,
          password: huge,
          token: huge,
          accountName: huge,
          currentPassword: huge,
          newPassword: huge,
          timeZone: huge,
        }),
      );
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
      const res = await call(app, route.permission === 'agent' ? device : admin, {
        method: route.method as 'GET',
        url: route.url.replace(':id', 'not-a-uuid'),
      });
      const body = expectClientError(res, 400, 'validation_failed');
      expect(body.error.details[0].path).toBe('params.id');
    });
  }

  it('rejects a bad limit or a forged cursor on lists', async () => {
    for (const url of ['/api/v1/api-tokens', '/api/v1/audit-events']) {
      expectClientError(await call(app, admin, { method: 'GET', url: `${url}?limit=abc` }), 400, 'validation_failed');
      expectClientError(
        await call(app, admin, { method: 'GET', url: `${url}?limit=100000` }),
        400,
        'validation_failed',
      );
      const forged = expectClientError(
        await call(app, admin, { method: 'GET', url: `${url}?cursor=${'%27%3B'.repeat(5)}` }),
        400,
        'validation_failed',
      );
      expect(forged.error.details[0]).toMatchObject({ path: 'query.cursor', code: 'invalid_cursor' });
    }
  });

  it("answers a path parameter beyond the router's length, or an undecodable one, in the error shape", async () => {
    for (const url of [
      `/api/portal/${'x'.repeat(500)}`,
      `/api/v1/companies/${'a'.repeat(5000)}`,
      '/api/v1/companies/%ED%A0%80',
      '/api/portal/%FF',
    ]) {
      const body = expectClientError(await app.inject({ method: 'GET', url }), 400, 'validation_failed');
      expect(body.error.details[0].path).toBe('params');
      expect(['too_long', 'invalid_encoding', 'unstorable_text']).toContain(body.error.details[0].code);
    }
  });

  it('answers what the HTTP parser refuses (a malformed request, oversize headers) in the error shape', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += String(chunk)));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => undefined);
      });
    for (const [request, status, code] of [
      ['NOT HTTP AT ALL\r\n\r\n', 400, 'validation_failed'],
      [
        `GET /api/v1/accounts/current HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'payload_too_large',
      ],
    ] as const) {
      const answer = await raw(request);
      expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe(code);
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expectClientError(res, 404, 'not_found');
  });
});

// --- each kind of problem answers its code and params ---------------------------------------------

describe('each field problem names its code (and params), whatever its English message', () => {
  const send = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
    const body = expectClientError(await call(app, admin, { method, url, payload }), 400, 'validation_failed');
    return body.error.details as { path: string; code: string; params?: object; message: string }[];
  };

  it('a text over its length: too_long with its max', async () => {
    const problems = await send('POST', '/api/v1/companies', { name: 'x'.repeat(limits.companyName + 1) });
    expect(problems).toEqual([
      { path: 'name', code: 'too_long', params: { max: limits.companyName }, message: expect.any(String) },
    ]);
  });

  it('a missing field: required; a field of the wrong type: its own code', async () => {
    expect(await send('POST', '/api/v1/companies', {})).toEqual([
      { path: 'name', code: 'required', message: expect.any(String) },
    ]);
    expect(await send('POST', '/api/v1/companies', { name: 12 })).toEqual([
      { path: 'name', code: 'not_text', message: expect.any(String) },
    ]);
  });

  it('a bad e-mail address: invalid_email; a value outside a list: invalid_choice with the options', async () => {
    const problems = await send('POST', '/api/v1/users', { email: 'not-an-address', role: 'emperor' });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'email', code: 'invalid_email', message: 'Enter a valid e-mail address' },
        { path: 'role', code: 'invalid_choice', params: { options: [...roles] }, message: expect.any(String) },
      ]),
    );
  });

  it('a guessable password: guessable_password (a custom refinement carries its code)', async () => {
    const problems = await send('POST', '/api/v1/me/password', {
      currentPassword: 'whatever',
      newPassword: 'a'.repeat(limits.passwordMin),
    });
    expect(problems).toEqual([
      { path: 'newPassword', code: 'guessable_password', message: expect.stringContaining('too easy to guess') },
    ]);
  });

  it('a NUL character: unstorable_text, before any other check', async () => {
    expect(await send('PATCH', '/api/v1/me', { name: 'Ann\u0000', language: 'xx' })).toEqual([
      { path: 'name', code: 'unstorable_text', message: expect.stringContaining('NUL') },
    ]);
  });

  it('an unknown field of a strict body: unknown_field on its own path; a query: under query', async () => {
    expect(await send('PATCH', `/api/v1/devices/${missingId}`, { bogus: 1 })).toEqual([
      { path: 'bogus', code: 'unknown_field', message: expect.any(String) },
    ]);
    const limit = expectClientError(
      await call(app, admin, { method: 'GET', url: '/api/v1/users?limit=abc' }),
      400,
      'validation_failed',
    );
    expect(limit.error.details).toEqual([{ path: 'query.limit', code: 'not_a_number', message: expect.any(String) }]);
  });

  it("a service's own check: its code too (an unknown time zone)", async () => {
    expect(await send('PATCH', '/api/v1/me', { timeZone: 'Mars/Olympus_Mons' })).toEqual([
      { path: 'timeZone', code: 'unknown_time_zone', message: 'Unknown time zone' },
    ]);
  });
});

// --- every route, every text field: a NUL character or an unpaired surrogate -----------------------

const fuzzRoutes = apiRoutes.filter((r) => r.method !== 'HEAD' && !isPluginRoute(r.url));
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
  return `127.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255 || 1}`;
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
  const path = (spoiled?: string, by = '') =>
    route.url.replace(/:(\w+)/g, (_, name: string) =>
      name === spoiled ? `${paramSample(name, params)}${by}` : paramSample(name, params),
    );
  const querySample = query ? (sampleOf(query, query) as Record<string, unknown>) : {};
  const bodySample = body ? sampleOf(body, body) : undefined;
  const payload = bodySample === undefined ? undefined : JSON.stringify(bodySample);
  const cases: FuzzCase[] = [];
  for (const [kind, by] of Object.entries(urlSpoilers)) {
    for (const name of names)
      cases.push({ field: `params.${name} (${kind})`, url: path(name, by) + queryString(querySample), payload });
    for (const key of Object.keys(querySample).filter((k) => typeof querySample[k] === 'string')) {
      cases.push({
        field: `query.${key} (${kind})`,
        anyClientAnswer: kind === 'surrogate',
        url: `${path()}${queryString({ ...querySample, [key]: undefined })}${Object.keys(querySample).length > 1 ? '&' : '?'}${key}=fuzz${by}`,
        payload,
      });
    }
  }
  if (bodySample !== undefined) {
    for (const field of stringPaths(bodySample) as Path[]) {
      for (const [kind, spoil] of Object.entries(spoilers)) {
        cases.push({
          field: `${field.join('.') || '(body)'} (${kind})`,
          url: path() + queryString(querySample),
          payload: JSON.stringify(withString(bodySample, field, spoil)),
        });
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
        const codes = (body?.error?.details ?? []).map((d: { code?: unknown }) => d.code);
        const expected = c.anyClientAnswer
          ? res.statusCode < 500 && (res.statusCode < 400 || body?.error)
          : res.statusCode === 400 &&
            body?.error?.code === 'validation_failed' &&
            codes.some((code: unknown) => code === 'unstorable_text' || code === 'invalid_encoding');
        if (!expected || uncoded(body?.error?.details).length > 0)
          failures.push(`${c.field}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

// --- every list: forged cursors of the right form and the wrong content -------------------------

const cursorRoutes = fuzzRoutes.filter(
  (r) =>
    r.method === 'GET' &&
    Object.keys((jsonSchemaOf(r.input.querystring)?.properties as object) ?? {}).includes('cursor'),
);
const aUuid = '00000000-0000-4000-8000-000000000000';
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

type KeyKind = 'text' | 'isoTime' | 'pgTime' | 'bigint' | 'count' | 'bigintAlone';
/** What each list's cursor holds after its sort and order: a new list needs its line here. */
const cursorKeys: Record<string, KeyKind | Record<string, KeyKind>> = {
  '/api/v1/api-tokens': 'isoTime',
  '/api/v1/audit-events': 'bigintAlone',
  '/api/v1/companies': { name: 'text', createdAt: 'bigint', usersCount: 'count', devicesCount: 'count' },
  '/api/v1/companies/choices': 'text',
  '/api/v1/companies/:id/users': 'text',
  '/api/v1/users': { name: 'text', email: 'text', createdAt: 'pgTime' },
  '/api/v1/seats/candidates': 'text',
  '/api/v1/outbox': 'isoTime',
  '/api/v1/devices': { name: 'text', lastSeen: 'pgTime', enrolled: 'pgTime' },
  '/api/v1/contacts': 'text',
  '/api/v1/portals': 'text',
  '/api/v1/support-requests': 'bigint',
  '/api/v1/sessions': 'bigint',
  '/api/v1/report-schedules': 'text',
  '/api/v1/report-schedules/:id/runs': 'isoTime',
  '/api/v1/alert-rules': 'text',
  '/api/v1/script-runs/:id/results': 'text',
};
/** keys of the wrong arity or type for any list */
const forgedAnywhere: unknown[][] = [
  [],
  ['a', 'b', 'c', 'd', 'e'],
  [{}, {}],
  [null, null],
  [true, aUuid],
  [[], aUuid],
  ['0', 'not-a-uuid'],
  ['0', 42],
];
/** sort keys of the right JSON type and the wrong content, by kind */
const forgedKeys: Record<KeyKind, unknown[]> = {
  text: [1, null, 'x\u0000', 'x\ud800', 'x'.repeat(5000)],
  isoTime: ['yesterday', '2026-02-31T00:00:00.000Z', '2026-12-05 14:00:00+00', 1_700_000_000_000],
  pgTime: ['yesterday', '2026-13-45 99:99:99+00', '2026-02-30 10:00:00+00', 1_700_000_000_000],
  bigint: ['99999999999999999999', '1e5', 'x', 5, '12\u0000'],
  count: ['x', -1, 1.5, 1e308],
  bigintAlone: [],
};
/** lists under one object: the object they list from */
const schedule = await insertSchedule(database.db, {
  accountId: account.id,
  ownerId: account.admin.id,
  name: 'Cursor',
  kind: 'device_inventory',
  allCompanies: false,
  frequency: 'daily',
  time: '08:00',
  timeZone: 'UTC',
  nextRunAt: new Date(Date.now() + 86_400_000),
});
await replaceScheduleCompanies(database.db, account.id, schedule.id, [account.companyIds[0]]);
const [scriptRun] = await database.db
  .insert(scriptRuns)
  .values({
    accountId: account.id,
    scriptName: 'Cursor',
    shell: 'sh',
    body: 'echo',
    bodySha256: '0'.repeat(64),
    timeoutSeconds: 5,
    companyIds: [account.companyIds[0]],
    createdByName: 'Cursor',
    expiresAt: new Date(Date.now() + 60_000),
  })
  .returning();
const listOwners: Record<string, string> = {
  '/api/v1/companies/:id/users': account.companyIds[0],
  '/api/v1/script-runs/:id/results': scriptRun!.id,
  '/api/v1/report-schedules/:id/runs': schedule.id,
};
const notJson = ['nonsense!', b64('{"a":1}'), b64('[1,'), b64('"text"'), b64('12')];

function forgedCursors(kind: KeyKind, prefix: string[]): string[] {
  if (kind === 'bigintAlone')
    return [...notJson, ...[['x'], ['1e5'], ['99999999999999999999'], [5], ['1', '2']].map((k) => b64(k))];
  return [
    ...notJson,
    ...forgedAnywhere.map((k) => b64([...prefix, ...k])),
    ...forgedKeys[kind].map((k) => b64([...prefix, k, aUuid])),
  ];
}

describe('a forged cursor is a 400 on query.cursor on every list, never a 500', () => {
  it('covers every list', () => expect(cursorRoutes.length).toBeGreaterThanOrEqual(13));

  for (const route of cursorRoutes) {
    it(`${route.method} ${route.url}`, async () => {
      const kinds = cursorKeys[route.url];
      if (kinds === undefined) throw new Error(`${route.url}: a list without its line in cursorKeys`);
      const query = jsonSchemaOf(route.input.querystring)!;
      // the list's required filters, none that could answer 404 (an unknown company)
      const others = Object.fromEntries(
        Object.entries(sampleOf(query, query) as Record<string, unknown>).filter(
          ([k, v]) => !['cursor', 'sort', 'order', 'limit', 'q', 'search'].includes(k) && v !== aUuid,
        ),
      );
      const base = route.url.replace(/:\w+/g, listOwners[route.url] ?? ':missing');
      const bySort = typeof kinds === 'string' ? { '': kinds } : kinds;
      const failures: string[] = [];
      for (const [sort, kind] of Object.entries(bySort)) {
        const prefix = sort ? [sort, 'asc'] : [];
        const cursors = forgedCursors(kind, prefix);
        if (sort) cursors.push(b64([sort, 'desc', 'x', aUuid]), b64(['nothing', 'asc', 'x', aUuid]));
        for (const cursor of cursors) {
          const url = `${base}${queryString({ ...others, limit: 5, ...(sort ? { sort, order: 'asc' } : {}), cursor })}`;
          const res = await call(app, admin, { method: 'GET', url });
          const problem = res.json().error?.details?.[0];
          const ok =
            res.statusCode === 400 &&
            problem?.path === 'query.cursor' &&
            ['invalid_cursor', 'too_long'].includes(problem?.code);
          if (!ok)
            failures.push(
              `${Buffer.from(cursor, 'base64url').toString().slice(0, 60)}: ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

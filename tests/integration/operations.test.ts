import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { anAccount, first, testPassword } from '../support/builders/index.js';
import { createTestDatabase } from '../support/test-database.js';

const database = await createTestDatabase();
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'info' }),
  database,
  consoleDir: '/nonexistent',
  logDestination: sink,
});
const account = await anAccount(database.db, { name: 'Ops', companies: 1 });

describe('operations', () => {
  it('/healthz answers 200 while the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/healthz answers 503 quickly when the database does not, and the process lives on', async () => {
    const dead = openDatabase('postgres://tandem:x@127.0.0.1:9/none');
    const broken = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database: dead,
      consoleDir: '/nonexistent',
    });
    const started = Date.now();
    const res = await broken.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    const me = await broken.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.test', password: 'x' },
    });
    expect(me.statusCode).toBe(503);
    expect(me.json().error.code).toBe('unavailable');
    await broken.close();
    await dead.close();
  });

  it('answers 503 "unavailable", not 500, when PostgreSQL has no connection left for it', async () => {
    // a role allowed one connection, that connection held: the next gets SQLSTATE 53300, as when
    // several processes' pools together reach the server's max_connections
    const role = `limited_${Date.now()}`;
    await database.db.execute(sql.raw(`create role ${role} login password 'limited-pw' connection limit 1`));
    await database.db.execute(sql.raw(`grant all on schema public to ${role}`));
    const url = new URL(database.url);
    url.username = role;
    url.password = 'limited-pw';
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    const starved = openDatabase(url.toString());
    const app2 = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database: starved,
      consoleDir: '/nonexistent',
    });
    try {
      const res = await app2.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.test', password: 'x' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('unavailable');
    } finally {
      await app2.close();
      await starved.close();
      await holder.end();
      await database.db.execute(sql.raw(`drop owned by ${role}`));
      await database.db.execute(sql.raw(`drop role ${role}`));
    }
  });

  it('/metrics exposes request counts and durations, the pool and the process', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/setup' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/tandem_http_requests_total\{method="GET",route="\/api\/v1\/setup",status="200"\} \d+/);
    expect(res.body).toContain('tandem_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/tandem_db_pool_connections\{state="total"\} \d+/);
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('/metrics with TANDEM_METRICS_TOKEN answers only a scrape that sends the token', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_METRICS_TOKEN: token }),
      database,
      consoleDir: '/nonexistent',
    });
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789abcdef',
      `Basic ${token}`,
      `Bearer ${token}x`,
    ]) {
      const res = await guarded.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.json().error).toMatchObject({
        code: 'unauthenticated',
        message: expect.stringContaining('TANDEM_METRICS_TOKEN'),
      });
      expect(res.body).not.toContain('tandem_http_requests_total');
    }
    const res = await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('tandem_http_requests_total');
    await guarded.close();
    expect(() => loadConfig({ TANDEM_METRICS_TOKEN: 'short' })).toThrow(
      /TANDEM_METRICS_TOKEN: use at least 16 characters/,
    );
  });

  it('/metrics with TANDEM_METRICS_PORT is served on that port only, with the token when one is set', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const logged: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info', TANDEM_METRICS_PORT: '0', TANDEM_METRICS_TOKEN: token });
    const separate = await buildApp({ config, database, consoleDir: '/nonexistent', logDestination: sink });
    await separate.ready();
    const address = /metrics served at (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(logged.join(''))?.[1];
    expect(address).toBeDefined();
    expect(
      (await separate.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(404);
    await separate.inject({ method: 'GET', url: '/api/v1/setup' });

    const refused = await fetch(`${address}/metrics`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('unauthenticated');
    const scraped = await fetch(`${address}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(
      /tandem_http_requests_total\{method="GET",route="\/api\/v1\/setup",status="200"\} \d+/,
    );
    const elsewhere = await fetch(`${address}/healthz`, { headers: { authorization: `Bearer ${token}` } });
    expect(elsewhere.status).toBe(404);
    expect((await elsewhere.json()).error.code).toBe('not_found');

    await separate.close();
    await expect(fetch(`${address}/metrics`)).rejects.toThrow(); // closed with the app
  });

  it('publishes an OpenAPI 3.1 document of every API route, and the docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of app.routeList.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties.email,
    ).toBeDefined();
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('logs JSON lines with a request id, and never a password, cookie or token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-request-id': 'req-abc-123' },
      payload: { email: account.admin.email, password: testPassword },
    });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    const cookie = first(res.cookies, 'cookie').value;
    await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `tandem_session=${cookie}`, authorization: 'Bearer tdm_secretvalue' },
    });
    const parsed = lines.map((l) => JSON.parse(l));
    // one line per request, written when it is answered
    expect(parsed.filter((l) => l.reqId === 'req-abc-123')).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: expect.objectContaining({ method: 'POST', url: '/api/v1/auth/login' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(testPassword);
    expect(all).not.toContain(cookie);
    expect(all).not.toContain('tdm_secretvalue');
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers agents without browser headers, with a request id', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/agent/heartbeat',
      headers: { authorization: 'Device tdc_unknown' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});

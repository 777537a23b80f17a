import { describe, expect, it } from 'vitest';
import { isPluginRoute } from '../../../src/server/app.js';
import { call } from '../../support/test-app.js';
import { createTestApp } from '../../support/test-app.js';
import { buildWorld, everyone, type Who } from '../../support/builders/index.js';
import { fingerprint } from './fingerprint.js';
import { matrix, pluginRequest, type Target } from './matrix.js';

const testApp = await createTestApp();
const { app, database } = testApp;
const world = await buildWorld(testApp);

/** HEAD routes mirror their GET route and are left out. */
const registered = app.routeList.filter((r) => r.method !== 'HEAD');
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('every registered route', () => {
  it('declares a permission (or public) and a response schema', () => {
    for (const route of registered) {
      expect(route.permission, key(route)).not.toBe('undefined');
      if (!isPluginRoute(route.url)) expect(route.hasResponseSchema, key(route)).toBe(true);
    }
  });

  it('has rows in the authorization matrix, and every row names a registered route', () => {
    const rows = new Set(matrix.map((m) => m.route));
    const missing = registered.filter((r) => !isPluginRoute(r.url) && !rows.has(key(r))).map(key);
    expect(missing, 'routes without matrix rows').toEqual([]);
    const known = new Set(registered.map(key));
    expect(
      [...rows].filter((r) => !known.has(r)),
      'matrix rows for routes that do not exist',
    ).toEqual([]);
  });

  it('answers plugin routes (API documentation) to anyone, without error', async () => {
    for (const route of registered.filter((r) => isPluginRoute(r.url))) {
      const res = await app.inject({ method: route.method as 'GET', url: pluginRequest(route.url) });
      expect(res.statusCode, key(route)).toBeLessThan(400);
    }
  });
});

for (const via of ['session', 'apiToken'] as const) {
  describe(`authorization matrix (${via})`, () => {
    for (const row of matrix) {
      for (const who of everyone) {
        for (const target of row.targets) {
          const byRole =
            typeof row.expect[who] === 'number'
              ? (row.expect[who] as number)
              : (row.expect[who] as Partial<Record<Target, number>>)[target];
          const expected = via === 'apiToken' && row.sessionOnly && who !== 'anonymous' ? 403 : byRole;
          it(`${row.route} as ${who}${target === 'none' ? '' : ` on ${target}`} → ${expected}`, async () => {
            expect(expected, 'matrix row lacks this case').toBeTypeOf('number');
            const base = via === 'session' ? world.sessions[who as Who] : world.tokens[who as Who];
            const context = {
              app,
              db: database.db,
              world,
              who,
              caller: base,
              session: world.sessions[who as Who],
              target,
            };
            const { caller = base, ...options } = await row.request(context);
            // a refusal must change nothing: the tables' digest before and after (only where a refusal is expected)
            const watched = expected! >= 400 && !row.refusalsAreRecorded;
            const before = watched ? await fingerprint(database.db) : '';
            const res = await call(app, caller, options);
            expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
            if (expected! >= 400)
              expect(row.errorShape === 'scim' ? res.json().status : res.json().error.code).toBeTypeOf('string');
            if (watched) expect(await fingerprint(database.db), 'a refused request changed data').toBe(before);
            await row.after?.(context);
          });
        }
      }
    }
  });
}

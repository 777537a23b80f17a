import { describe, expect, it } from 'vitest';
import { isPluginRoute } from '../../../src/server/app.js';
import { createTestApp } from '../../support/test-app.js';
import { buildWorld } from '../../support/builders/index.js';
import { describeMatrixCases } from './matrix-cases.js';
import { matrix, pluginRequest } from './matrix.js';

const testApp = await createTestApp();
const { app } = testApp;
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

describeMatrixCases('session', testApp, world);

import { describe, expect, it } from 'vitest';
import { call, type TestApp } from '../../support/test-app.js';
import { everyone, type Who, type World } from '../../support/builders/index.js';
import { fingerprint } from './fingerprint.js';
import { matrix, type Target } from './matrix.js';

/**
 * Every matrix case (route × role × target) through one kind of credential: a signed-in session
 * or an API token. Each kind is a test file of its own, so the two run side by side.
 */
export function describeMatrixCases(via: 'session' | 'apiToken', { app, database }: TestApp, world: World): void {
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

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cyclesOf, moduleGraph } from '../../scripts/module-graph.js';

/** The import-boundary rule of eslint.config.js, applied to one line of code placed at `filePath`. */
async function boundaryProblems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: process.cwd(),
    // only this rule, without type information: the code linted is not a file of the project
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (lint)', () => {
  it("refuses another module's inner file, from a module, a nested module folder, the app and the tests", async () => {
    for (const [file, code] of [
      ['src/server/modules/devices/x.ts', "import { x } from '../companies/service.js';"],
      ['src/server/modules/devices/x.ts', "import type { x } from '../users/repository.js';"],
      ['src/server/modules/devices/x.ts', "export { x } from '../users/repository.js';"],
      ['src/server/modules/reports/kinds/x.ts', "import { x } from '../../users/repository.js';"],
      ['src/server/modules/devices/x.ts', "import { x } from '../reports/kinds/index.js';"],
      ['src/server/cli/x.ts', "import { x } from '../modules/users/service.js';"],
      ['tests/integration/x.ts', "import { x } from '../../src/server/modules/users/service.js';"],
    ] as const)
      expect(await boundaryProblems(file, code), `${file}: ${code}`).toEqual([
        expect.stringContaining('only through its index.js'),
      ]);
  }, 60_000);

  it("accepts another module's index.js and tables.js, and a module's own files", async () => {
    for (const [file, code] of [
      ['src/server/modules/devices/x.ts', "import { x } from '../companies/index.js';"],
      ['src/server/modules/devices/x.ts', "import { x } from '../companies/tables.js';"],
      ['src/server/modules/devices/x.ts', "import { x } from './repository.js';"],
      ['src/server/modules/devices/x.ts', "import { x } from '../devices/repository.js';"],
      ['src/server/modules/reports/kinds/x.ts', "import { x } from '../repository.js';"],
      ['src/server/modules/reports/kinds/x.ts', "import { x } from '../../users/index.js';"],
      ['src/server/app.ts', "import { x } from './modules/users/index.js';"],
    ] as const)
      expect(await boundaryProblems(file, code), `${file}: ${code}`).toEqual([]);
  }, 60_000);

  it('refuses any module, even its surface, from the platform', async () => {
    for (const code of [
      "import { x } from '../../modules/settings/index.js';",
      "import { x } from '../../modules/users/tables.js';",
    ])
      expect(await boundaryProblems('src/server/platform/mail/x.ts', code), code).toEqual([
        expect.stringContaining('platform imports no module'),
      ]);
  }, 60_000);

  it('keeps src/shared free of the apps, and the console, portal and agent away from the server', async () => {
    expect(await boundaryProblems('src/shared/x.ts', "import { x } from '../server/app.js';")).toEqual([
      expect.stringContaining('it imports none of them'),
    ]);
    expect(await boundaryProblems('src/shared/x.ts', "import { x } from '../console/i18n.js';")).toEqual([
      expect.stringContaining('it imports none of them'),
    ]);
    for (const file of ['src/console/lib/x.ts', 'src/portal/x.ts', 'src/agent/x.ts'])
      expect(await boundaryProblems(file, "import { x } from '../../server/config.js';"), file).toEqual([
        expect.stringContaining('over HTTP only'),
      ]);
    expect(await boundaryProblems('src/console/lib/x.ts', "import { x } from '../../shared/limits.js';")).toEqual([]);
  }, 60_000);
});

describe('module graph', () => {
  it("is one-way: no module's code reaches back to itself through other modules' surfaces", () => {
    expect(cyclesOf(moduleGraph(process.cwd()).code)).toEqual([]);
  });

  it('finds a cycle however long, and none in a one-way graph', () => {
    const graph = (edges: [string, string][]) => {
      const g = new Map<string, Set<string>>();
      for (const [a, b] of edges) g.set(a, new Set([...(g.get(a) ?? []), b]));
      return g;
    };
    expect(
      cyclesOf(
        graph([
          ['accounts', 'settings'],
          ['settings', 'companies'],
          ['companies', 'accounts'],
        ]),
      ),
    ).toEqual(['accounts, companies, settings']);
    expect(
      cyclesOf(
        graph([
          ['users', 'companies'],
          ['devices', 'companies'],
          ['user-admin', 'users'],
        ]),
      ),
    ).toEqual([]);
  });
});

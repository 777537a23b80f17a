import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const fixtures = ['src/server/lint-fixture.ts', 'src/agent/lint-fixture.ts', 'scripts/lint-fixture.ts'];
const rules = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];

/** The promise rules of eslint.config.js, with type information, on code placed at `filePath`. */
async function promiseProblems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: process.cwd(),
    ruleFilter: ({ ruleId }) => rules.includes(ruleId),
    // the code linted is not a file of the project: typed by TypeScript's default project
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: { allowDefaultProject: fixtures } } },
    },
  });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const work = 'async function work(): Promise<void> {}\n';

describe('promises in the server, the agent, shared code and scripts (lint)', () => {
  it('refuses a promise left floating and an async function where a void callback is expected', async () => {
    expect(
      await promiseProblems('src/server/lint-fixture.ts', `${work}work();\n[1].forEach(async () => work());\n`),
    ).toEqual(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']);
    // the same rules in the agent and scripts
    for (const file of fixtures.slice(1))
      expect(await promiseProblems(file, `${work}work();\n`), file).toEqual([
        '@typescript-eslint/no-floating-promises',
      ]);
  }, 300_000);

  it('accepts a promise awaited, voided on purpose, or whose failure is handled', async () => {
    expect(
      await promiseProblems(
        'src/server/lint-fixture.ts',
        `${work}export async function f() {\n  await work();\n  void work();\n  work().catch(() => {});\n}\n`,
      ),
    ).toEqual([]);
  }, 300_000);
});

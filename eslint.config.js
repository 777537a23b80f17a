import { readdirSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries: a server module (src/server/modules/<m>/) is imported from outside only through its
 * surface, index.ts, or its tables.ts (foreign keys, queries); src/server/platform imports no module.
 */
const modules = readdirSync(new URL('./src/server/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const surfaceOnly = 'another module is imported only through its index.js (or its tables.js)';
/** Any path through a `modules/` folder into a module's inner file (from platform, app, cli, tests...). */
const pastSurface = { regex: '(^|/)modules/[^/]+/(?!(index|tables)\\.js$)', message: surfaceOnly };
/** From a file `depth` folders deep in module `m`: a sibling module's inner file. */
const siblingPastSurface = (m, depth) => ({
  regex: `^(\\.\\./){${depth}}(?!${m}/)[^./][^/]*/(?!(index|tables)\\.js$)`,
  message: surfaceOnly,
});
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'test-results/',
      'playwright-report/',
      'migrations/',
      '.tandem-*',
      '.cache/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'tests/**', 'bench/**', 'src/server/cli/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // with type information (the one tsconfig.json): a promise is awaited, or voided on purpose with its error handled
    files: ['src/server/**/*.ts', 'src/agent/**/*.ts', 'src/shared/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // the rules of hooks (and the React compiler's checks) in the two React apps
  { files: ['src/console/**/*.{ts,tsx}', 'src/portal/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  { files: ['**/*.ts', '**/*.tsx'], rules: restrict([pastSurface]) },
  ...modules.flatMap((m) => [
    { files: [`src/server/modules/${m}/*.ts`], rules: restrict([pastSurface, siblingPastSurface(m, 1)]) },
    { files: [`src/server/modules/${m}/*/**/*.ts`], rules: restrict([pastSurface, siblingPastSurface(m, 2)]) },
  ]),
  {
    files: ['src/shared/**'],
    rules: restrict([
      pastSurface,
      {
        regex: '(^|/)(server|console|portal|agent)/',
        message: 'src/shared is what the apps agree on: it imports none of them',
      },
    ]),
  },
  {
    files: ['src/console/**', 'src/portal/**', 'src/agent/**'],
    rules: restrict([
      { regex: '(^|/)server/', message: 'the console, the portal and the agent reach the server over HTTP only' },
    ]),
  },
  {
    // every browser test takes `test` from the support folder, whose fixture runs axe on the pages it visits
    files: ['tests/e2e/*.spec.ts'],
    rules: restrict([
      pastSurface,
      {
        regex: '^@playwright/test$',
        message: "take test and expect from './support/test.js': it checks every page visited with axe",
      },
    ]),
  },
  {
    files: ['src/server/platform/**'],
    rules: restrict([
      { regex: '(^|/)modules/', message: 'platform imports no module: pass what it needs in from start.ts' },
    ]),
  },
);

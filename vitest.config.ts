import { defineConfig } from 'vitest/config';

/**
 * Test files that must have a module registry of their own: they mock a module (`vi.mock`), change
 * the process's environment for code they load, compare shared catalogues other files extend, or
 * hold WebRTC peers whose native threads outlive a shared worker's other files.
 * Every other file shares its worker's modules, which saves importing the server again for each
 * file (most of the suite's time on two cores).
 */
const ownModules = [
  'tests/integration/sessions-recording-finish.test.ts',
  'src/console/translations/translations.test.ts',
  'src/agent/remote/device-session.test.ts',
  'src/agent/remote/x11.test.ts',
];

/**
 * The authorization matrix (every route × role × company × account, by session in one file and by
 * API token in the other): the suite's longest files, in a project of their own so the run on an
 * external PostgreSQL can leave them out (`.ci/run`): their queries are the same on either server,
 * and the embedded run has already proven them.
 */
const matrix = ['tests/integration/authorization/authorization-matrix-*.test.ts'];

const shared = {
  globalSetup: ['tests/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // two cores here: more parallel files than that only queue on the CPU
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'shared-modules',
          include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: [...ownModules, ...matrix],
          isolate: false,
        },
      },
      { test: { ...shared, name: 'authorization-matrix', include: matrix, isolate: false } },
      { test: { ...shared, name: 'own-modules', include: ownModules, isolate: true } },
    ],
  },
});

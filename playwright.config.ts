import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the console against a real server started by tests/e2e/global-setup.ts
 * (fresh data folder, embedded PostgreSQL). Chromium comes from Debian: `npx playwright install`
 * is not used here.
 */
const chromiumPath = process.env.TANDEM_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium and its flags (playwright.webrtc.config.ts and the bench start it the same way). */
export const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 860 },
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its output folder at start; screenshots live beside it in test-results/screenshots.
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/global-setup.ts',
  globalTeardown: './tests/e2e/global-teardown.ts',
  // One server, one database. Every spec after the first-run setup makes its own account, so specs may run
  // side by side (TANDEM_E2E_WORKERS=<n>); one at a time by default: on two cores, two at once took as long
  // in all, each spec twice as long, with the server, Chromium and the agents sharing the cores.
  workers: Number(process.env.TANDEM_E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]] : [['list']],
  use: {
    baseURL: process.env.TANDEM_E2E_BASE_URL,
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
    // pages are asked for reduced motion, which the console honours (`respectReducedMotion`): dialogs and menus
    // appear and leave at once, so a check or a screenshot never sees one half-faded. Playwright applies it to the
    // contexts a test opens itself too.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    // first-run setup needs an instance with no account: it runs before everything else
    { name: 'setup', testMatch: 'foundation.spec.ts', use: chromium },
    // every other spec creates its own account (tests/e2e/support/accounts.ts); webrtc/ runs in a network
    // namespace (playwright.webrtc.config.ts)
    { name: 'features', testIgnore: ['foundation.spec.ts', 'webrtc/**'], dependencies: ['setup'], use: chromium },
  ],
});

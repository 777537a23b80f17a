import { defineConfig } from '@playwright/test';
import base, { chromium } from './playwright.config.js';

/**
 * The browser tests that need WebRTC (tests/e2e/webrtc/): two Chromiums connect only over a network
 * interface other than loopback, so they run inside the network namespace that scripts/in-netns.sh
 * makes, with coturn beside them, and the Tandem server started by global setup runs in there too:
 * `npm run test:e2e:webrtc`. The sender's page shares its own tab (--auto-accept-this-tab-capture).
 */
const tabCapture = {
  ...chromium,
  launchOptions: {
    ...chromium.launchOptions,
    args: [...chromium.launchOptions.args, '--auto-accept-this-tab-capture'],
  },
};

export default defineConfig({
  ...base,
  testDir: 'tests/e2e/webrtc',
  globalSetup: './tests/e2e/webrtc/global-setup.ts',
  globalTeardown: './tests/e2e/global-teardown.ts',
  timeout: 90_000,
  // real ICE between processes in the namespace: in CI a test that fails is run once more, and the
  // report lists it as flaky (a path that is broken fails both times). Seen once (2026-12-07): a
  // device session that stayed on the relay; the agent's log now says each WebRTC state to tell why.
  retries: process.env.CI ? 1 : 0,
  projects: [
    // bare-pages.spec.ts: the WebRTC code alone; sessions.spec.ts: customer and technician through Tandem
    { name: 'webrtc', use: tabCapture },
  ],
});

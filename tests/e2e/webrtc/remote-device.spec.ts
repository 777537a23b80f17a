import { test } from '@playwright/test';
import { screenshots } from '../support/screenshots.js';
import {
  controlSessionProof,
  deviceFixture,
  endSession,
  startRemote,
  type DeviceFixture,
} from '../support/device-session.js';
import { xAvailable } from '../support/x-display.js';

/**
 * Unattended access over the direct path: inside the network namespace (scripts/in-netns.sh) the
 * console's Chromium and tandem-agent's node-datachannel gather host candidates on its veth, so the
 * agent's DataChannel opens and carries the session; the console shows "Direct" and closes its relay.
 * The same proofs as the relay's (tests/e2e/remote-device.spec.ts): the marker drawn on the X display,
 * a click at its place, typed keys and a combination, a file both ways with its sha-256.
 */
const snap = screenshots('webrtc-remote-device-');

// skipped only outside CI, where the X programs may be missing; in CI (.ci/run installs them) a missing one fails the file
test.skip(!xAvailable() && !process.env.CI, 'needs Xvfb, xdotool, xsetroot and xwininfo (.ci/run installs them)');

let device: DeviceFixture;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  device = await deviceFixture(browser, 'Direct device', 'Lab workstation', { webrtc: 'allowed' });
});

test.afterAll(async () => {
  await device?.close();
});

test('control over the DataChannel: the marker shows, a click lands at its place, typed keys and a combination reach the X window, a file goes both ways intact', async () => {
  test.setTimeout(150_000);
  await startRemote(device, 'control');
  await controlSessionProof(device, 'Direct', snap);
  await endSession(device.page);
  // the agent moved its viewer from the relay it opens at once to the DataChannel
  await device.agent.waitForOutput(/over webrtc$/);
});

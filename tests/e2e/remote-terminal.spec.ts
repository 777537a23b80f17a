import { axeFindings } from './support/accessibility.js';
import { expect, test } from './support/test.js';
import { screenshots } from './support/screenshots.js';
import {
  apiOk,
  deviceFixture,
  endSession,
  expectShown,
  markerColour,
  startRemote,
  type DeviceFixture,
} from './support/device-session.js';
import { xAvailable } from './support/x-display.js';

/**
 * The terminal of a device session: a real tandem-agent enrolled into the test server gives a
 * pseudo-terminal (node-pty) to the technician's console, through Tandem's relay (WebRTC blocked
 * in the page). One account, one device, one agent for the whole file; the tests run in order.
 */
const snap = screenshots('remote-terminal-');

test.describe.configure({ mode: 'serial' });
test.skip(!xAvailable() && !process.env.CI, 'needs Xvfb, xdotool, xsetroot and xwininfo (.ci/run installs them)');

let device: DeviceFixture;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  device = await deviceFixture(browser, 'Remote terminal', 'Build server', {
    webrtc: 'blocked',
    agentEnv: { SHELL: '/bin/sh' },
  });
});

test.afterAll(async () => {
  await device?.close();
});

/** What the terminal shows, row by row as xterm.js draws it. */
const shown = (device: DeviceFixture) => device.page.getByTestId('terminal').locator('.xterm-rows');

test('a command typed in the terminal runs on the device; resizing the window or the panel gives the shell the new size', async () => {
  test.setTimeout(120_000);
  const { page } = device;
  await page.setViewportSize({ width: 1400, height: 1000 });
  const sessionId = await startRemote(device, 'control');
  await expectShown(page, 40, 40, markerColour);

  await page.getByRole('button', { name: 'Open a terminal' }).click();
  const state = page.getByTestId('terminal-state');
  await expect(state).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
  await expect(state).toHaveText('Shell: /bin/sh');
  const terminal = page.getByTestId('terminal');
  await expect(terminal.locator('.xterm-helper-textarea')).toBeFocused();

  await page.keyboard.type('echo hello-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(shown(device)).toContainText('hello-42', { timeout: 15_000 });
  await snap(page, 'hello');
  expect(await axeFindings(page, 'terminal open')).toEqual([]);

  const sizeOf = async () => ({
    cols: Number(await terminal.getAttribute('data-cols')),
    rows: Number(await terminal.getAttribute('data-rows')),
  });
  const before = await sizeOf();
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await expect(shown(device)).toContainText(`${before.rows} ${before.cols}`);

  // a narrower window: fewer columns
  await page.setViewportSize({ width: 900, height: 1000 });
  await expect.poll(async () => (await sizeOf()).cols).toBeLessThan(before.cols);
  // a taller panel (its bottom edge dragged): more rows
  await terminal.evaluate((box) => (box.style.height = '520px'));
  await expect.poll(async () => (await sizeOf()).rows).toBeGreaterThan(before.rows);
  const after = await sizeOf();
  await page.keyboard.type('clear; tput cols; tput lines');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await shown(device).innerText()).replace(/\u00a0/g, ' '))
    .toMatch(new RegExp(`\\b${after.cols}\\s+${after.rows}\\b`));
  await snap(page, 'resized');

  // F6 leaves the terminal for the button beside it; the terminal closes on request
  await page.keyboard.press('F6');
  const close = page.getByRole('button', { name: 'Close the terminal' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(state).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId('terminal')).toHaveCount(0);

  const detail = await apiOk<{ timeline: Array<{ type: string }> }>(page, 'GET', `/api/v1/sessions/${sessionId}`);
  expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['terminal_opened', 'terminal_closed']));
  await endSession(page);
});

test('the shell ending says its exit code; a view-only session has no terminal and says why', async () => {
  test.setTimeout(90_000);
  const { page } = device;
  await startRemote(device, 'control');
  await expectShown(page, 40, 40, markerColour);
  await page.getByRole('button', { name: 'Open a terminal' }).click();
  const state = page.getByTestId('terminal-state');
  await expect(state).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
  await page.keyboard.type('exit 7');
  await page.keyboard.press('Enter');
  await expect(state).toHaveAttribute('data-state', 'exited');
  await expect(state).toHaveText('The shell ended (exit code 7).');
  await expect(page.getByRole('button', { name: 'Open a new terminal' })).toBeVisible();
  await endSession(page);

  await startRemote(device, 'view');
  await expectShown(page, 40, 40, markerColour);
  const unavailable = page.getByTestId('terminal-unavailable');
  await expect(unavailable).toHaveAttribute('data-reason', 'view_only');
  await expect(page.getByRole('button', { name: 'Open a terminal' })).toHaveCount(0);
  await snap(page, 'view-only');
  await endSession(page);
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/test.js';
import { screenshots } from './support/screenshots.js';
import {
  apiOk,
  deviceFixture,
  endSession,
  expectShown,
  markerColour,
  setSettings,
  startRemote,
  type DeviceFixture,
} from './support/device-session.js';
import { pressInWindow, xAvailable } from './support/x-display.js';

/**
 * A device session's life beyond control: recorded from the console's canvas when the company's
 * `sessions.recording` says `always`, and a restart asked from the console — the agent's restart
 * command stops the agent (as the system stopping it would), a new agent process starts with the
 * same credential (as after the device is back), and the session resumes on its own, with no
 * consent asked again. Relayed (WebRTC blocked in the technician's page), one agent for the file.
 */
const snap = screenshots('remote-lifecycle-');
const repoRoot = path.resolve(import.meta.dirname, '../..');
/** the device's screen after its restart */
const backColour = '#00ffff';

test.describe.configure({ mode: 'serial' });
// skipped only outside CI, where the X programs may be missing; in CI (.ci/run installs them) a missing one fails the file
test.skip(!xAvailable() && !process.env.CI, 'needs Xvfb, xdotool, xsetroot and xwininfo (.ci/run installs them)');

let device: DeviceFixture;
let second: ChildProcess | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  device = await deviceFixture(browser, 'Remote lifecycle', 'Back office PC', {
    webrtc: 'blocked',
    // a restart stops this agent process: SIGTERM from its own restart command
    agentEnv: { TANDEM_AGENT_REBOOT_COMMAND: 'kill -TERM $PPID' },
  });
});

test.afterAll(async () => {
  if (second && second.exitCode === null) {
    second.kill('SIGTERM');
    await new Promise((resolve) => second!.once('exit', resolve));
  }
  await device?.close();
});

test('recorded from the canvas: the ended session keeps a playable WebM', async () => {
  test.setTimeout(120_000);
  const { page } = device;
  await setSettings(page, { 'sessions.recording': 'always' });
  const sessionId = await startRemote(device, 'view');
  await expectShown(page, 40, 40, markerColour);
  await expect(page.getByTestId('recording-indicator')).toBeVisible({ timeout: 15_000 });
  // a few seconds of frames, in chunks
  await page.waitForTimeout(4000);
  await endSession(page);
  await setSettings(page, { 'sessions.recording': 'off' });

  const info = await expect
    .poll(
      async () =>
        (await apiOk<{ status: string; bytes: number }>(page, 'GET', `/api/v1/sessions/${sessionId}/recording/info`))
          .status,
      { timeout: 30_000 },
    )
    .toBe('ready')
    .then(() =>
      apiOk<{ bytes: number; durationMs: number | null }>(page, 'GET', `/api/v1/sessions/${sessionId}/recording/info`),
    );
  expect(info.bytes).toBeGreaterThan(1000);
  expect(info.durationMs ?? 0).toBeGreaterThan(1000);
  const file = await page.request.get(`/api/v1/sessions/${sessionId}/recording`);
  expect(file.status()).toBe(200);
  const bytes = await file.body();
  // a WebM file: the EBML header
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
});

test('a restart from the console: the agent goes, comes back with the same credential, and the session resumes', async () => {
  test.setTimeout(150_000);
  const { page, agent, screen } = device;
  await setSettings(page, { 'devices.remoteConsent': 'ask', 'devices.remoteConsentSeconds': 60 });
  // asked once: accepted on the device by its prompt's default button
  const sessionId = await startRemote(device, 'control');
  await pressInWindow(screen, 'Tandem remote support', 'Return');
  await expectShown(page, 40, 40, markerColour);

  await page.getByRole('button', { name: 'Restart the device' }).click();
  await page.getByRole('dialog', { name: 'Restart the device?' }).getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByText('Restarting… the session resumes when the device is back.')).toBeVisible({
    timeout: 15_000,
  });
  await snap(page, 'restarting');

  // the restart command stopped the agent process
  await agent.waitForOutput(/restarting the device/, 15_000);
  await expect.poll(() => agent.exited(), { timeout: 15_000 }).toBe(true);
  // while the device is away its screen changes: only frames sent after the restart show it
  await screen.fillRoot(backColour);

  // the device is back: the same credential, a new process
  second = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/agent/main.ts',
      'run',
      '--credential',
      path.join(agent.dataDir, 'credential.json'),
      '--data-dir',
      agent.dataDir,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, DISPLAY: screen.display, LC_ALL: 'C.UTF-8', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = fs.createWriteStream(path.join(repoRoot, 'test-results', 'agent-back-office-pc-after-restart.log'));
  second.stdout!.pipe(log);
  second.stderr!.pipe(log);
  // resumed without a consent prompt: the screen as it is now shows
  await expectShown(page, 40, 40, backColour, 60_000);
  await expect(page.getByTestId('session-phase')).not.toHaveAttribute('data-phase', 'ended');
  await snap(page, 'resumed');

  const detail = await apiOk<{ status: string; timeline: { type: string }[] }>(
    page,
    'GET',
    `/api/v1/sessions/${sessionId}`,
  );
  expect(detail.status).toBe('active');
  const types = detail.timeline.map((e) => e.type);
  const asked = types.indexOf('reboot_requested');
  expect(asked).toBeGreaterThan(0);
  expect(types.indexOf('device_disconnected', asked)).toBeGreaterThan(asked);
  expect(types.lastIndexOf('device_connected')).toBeGreaterThan(types.indexOf('device_disconnected', asked));
  // the consent was asked once, at the start
  expect(types.filter((t) => t === 'consented')).toHaveLength(1);
  await endSession(page);
});

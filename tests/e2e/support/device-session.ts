import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { createAccount, signInAs, type E2eAccount } from './accounts.js';
import { startAgent, type RunningAgent } from './device-agent.js';
import { colourDistance, pagePointOf, remoteScreen, rgbOf, screenPixel } from './remote-screen.js';
import { readState } from '../server-state.js';
import { openTypingTarget, startXvfb, type TypingTarget, type XDisplay } from './x-display.js';

/**
 * One device for a spec file: an account whose administrator (a Remote Support seat) is the
 * technician, an X display of 1280×800 with a marker colour on its root window and a window to type
 * into, and a real tandem-agent enrolled into the account's company and running on that display.
 */
export const screenSize = { width: 1280, height: 800 };
/** the root window's colour: what shows where no window is */
export const markerColour = '#ff00ff';
/** the typing target's colour, at its place */
export const targetColour = '#00c000';
export const targetPlace = { x: 400, y: 300 };

export interface DeviceFixture {
  account: E2eAccount;
  /** the technician: the account's administrator, seated */
  page: Page;
  screen: XDisplay;
  target: TypingTarget;
  agent: RunningAgent;
  deviceName: string;
  close(): Promise<void>;
}

export async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  return page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
}

export async function apiOk<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const res = await api(page, method, url, data);
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** The account's settings (consent mode, its seconds, file limit, recording…). */
export const setSettings = (page: Page, values: Record<string, unknown>) =>
  apiOk(page, 'PATCH', '/api/v1/settings', { values });

/**
 * `webrtc: 'blocked'`: the technician's browser has no WebRTC (as where a policy turns it off), so
 * the agent's offer goes unanswered and the session stays on Tandem's relay.
 */
export async function deviceFixture(
  browser: Browser,
  label: string,
  deviceName: string,
  options: { webrtc: 'blocked' | 'allowed'; agentEnv?: Record<string, string> },
): Promise<DeviceFixture> {
  const account = createAccount(label);
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-US' });
  if (options.webrtc === 'blocked')
    await context.addInitScript(() => {
      for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel'])
        Reflect.deleteProperty(window, name);
    });
  const page = await context.newPage();
  await signInAs(page, account.email, account.password);
  const me = await apiOk<{ user: { id: string } }>(page, 'GET', '/api/v1/me');
  await apiOk(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  await setSettings(page, { 'sessions.recording': 'off', 'devices.remoteConsent': 'allow' });
  const company = await apiOk<{ dataKey: string | null }>(page, 'GET', `/api/v1/companies/${account.companyId}`);
  if (!company.dataKey) throw new Error("the administrator was not shown the company's data key");

  const screen = await startXvfb(screenSize.width, screenSize.height);
  let target: TypingTarget | undefined;
  try {
    await screen.fillRoot(markerColour);
    target = await openTypingTarget(screen, { ...targetPlace, background: targetColour });
    const agent = await startAgent({
      baseURL: readState().baseURL,
      dataKey: company.dataKey,
      name: deviceName,
      display: { DISPLAY: screen.display },
      extra: options.agentEnv,
    });
    const opened = target;
    return {
      account,
      page,
      screen,
      target: opened,
      agent,
      deviceName,
      close: async () => {
        await agent.stop();
        await opened.close();
        await screen.stop();
        await context.close();
      },
    };
  } catch (error) {
    await target?.close();
    await screen.stop();
    await context.close();
    throw error;
  }
}

/** The device page shows the agent connected (its control socket is up). */
export async function openDevicePage(fixture: DeviceFixture, page = fixture.page) {
  await page.goto(`/devices/${fixture.agent.deviceId}`);
  await expect(page.getByRole('heading', { level: 1, name: fixture.deviceName })).toBeVisible();
}

/** From the device page: View screen or Take control; resolves on the live session page with its id. */
export async function startRemote(fixture: DeviceFixture, mode: 'view' | 'control'): Promise<string> {
  const { page } = fixture;
  await openDevicePage(fixture);
  const card = page.getByTestId('remote-access');
  await expect(card.getByTestId('remote-agent')).toHaveAttribute('data-connected', 'true', { timeout: 20_000 });
  await card.getByRole('button', { name: mode === 'view' ? 'View screen' : 'Take control' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/live$/);
  return /\/sessions\/([0-9a-f-]{36})\/live/.exec(page.url())![1]!;
}

/** The colour the console shows at device pixel (x, y). */
export const shownAt = (page: Page, x: number, y: number) =>
  screenPixel(page, x, y, screenSize.width, screenSize.height);

/** Waits for a decoded frame showing `colour` at device pixel (x, y). */
export async function expectShown(page: Page, x: number, y: number, colour: string, timeout = 30_000) {
  await expect(remoteScreen(page)).toBeVisible({ timeout });
  await expect
    .poll(async () => colourDistance(await shownAt(page, x, y), rgbOf(colour)), {
      timeout,
      message: `the console shows ${colour} at (${x}, ${y})`,
    })
    .toBeLessThan(40);
}

export const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Ends the session open on the live page (End session, outcome Resolved). */
export async function endSession(page: Page) {
  await page.getByRole('button', { name: 'End session' }).click();
  const end = page.getByRole('dialog', { name: 'End the session' });
  await end.getByRole('radio', { name: 'Resolved', exact: true }).check();
  await end.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ended');
}

/**
 * On the live page of a control session just opened: the device's screen shows (the root window's
 * marker and the typing target, each where X has them) over `transport` ('Relayed' or 'Direct');
 * a click on the canvas lands on the device at the same pixel; typed text, a combination (Ctrl+U
 * erases the line in the terminal) and Enter reach the X window; a file goes to the device and one
 * comes back, both with the same sha-256.
 */
export async function controlSessionProof(
  fixture: DeviceFixture,
  transport: 'Relayed' | 'Direct',
  snap: (page: Page, name: string) => Promise<void>,
) {
  const { page, screen, target, agent } = fixture;
  await expectShown(page, 40, 40, markerColour);
  await expectShown(page, target.geometry.x + 40, target.geometry.y + 40, targetColour);
  await expect(page.getByTestId('remote-transport')).toHaveText(transport, { timeout: 20_000 });
  await snap(page, `control-${transport.toLowerCase()}`);

  // --- a click on the canvas lands on the device at the same pixel
  const spot = { x: target.geometry.x + 37, y: target.geometry.y + 29 };
  const point = await pagePointOf(page, spot.x, spot.y, screenSize.width, screenSize.height);
  // the canvas is drawn smaller than the screen: a CSS pixel covers one or two device pixels
  expect(Math.abs(point.device.x - spot.x)).toBeLessThanOrEqual(2);
  expect(Math.abs(point.device.y - spot.y)).toBeLessThanOrEqual(2);
  await page.mouse.click(point.x, point.y);
  await expect.poll(() => screen.pointer()).toEqual(point.device);

  // --- typed text, a combination and a special key
  await page.keyboard.type('wrong words');
  await page.keyboard.press('Control+u');
  await page.keyboard.type('Hello, device 42');
  await page.keyboard.press('Enter');
  await expect.poll(() => target.typed(), { timeout: 15_000 }).toBe('Hello, device 42\n');

  // --- a file to the device: saved whole in the agent's transfer folder
  const outgoing = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
  await page.getByLabel('File to send').setInputFiles({
    name: 'report.bin',
    mimeType: 'application/octet-stream',
    buffer: outgoing,
  });
  const saved = page.getByText(/^Saved on the device as /);
  await expect(saved).toBeVisible({ timeout: 30_000 });
  const savedPath = ((await saved.textContent()) ?? '').replace(/^Saved on the device as /, '').trim();
  expect(savedPath.startsWith(agent.dataDir), `${savedPath} is in the agent's folder`).toBe(true);
  expect(sha256(fs.readFileSync(savedPath))).toBe(sha256(outgoing));

  // --- a file from the device: listed in the transfer folder, downloaded whole
  const incoming = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 104_729) % 256));
  fs.writeFileSync(path.join(path.dirname(savedPath), 'from-device.bin'), incoming);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Get from-device.bin' }).click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-download-')), 'from-device.bin');
  await (await download).saveAs(file);
  expect(sha256(fs.readFileSync(file))).toBe(sha256(incoming));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  await snap(page, `files-${transport.toLowerCase()}`);
}

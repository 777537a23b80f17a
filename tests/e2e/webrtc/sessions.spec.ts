import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { screenshots } from '../support/screenshots.js';
import {
  colourDistance,
  customerJoins,
  marker,
  newSessionFromSupport,
  paintMarker,
  technician,
  videoState,
} from './support/session-pair.js';

/**
 * Remote sessions through Tandem itself, end to end: the technician creates a session in the
 * console's Support workspace, the customer enters its code on the company's portal, allows and
 * shares their tab; the technician's session view shows their screen (frames decoded, the
 * customer's marker where it is drawn), records it, and the recording plays back with the marker.
 */
const snap = screenshots('webrtc-session-');

/** Frames arrive on the technician's page and show the marker on the left. */
async function expectScreenWithMarker(page: Page) {
  await expect.poll(async () => (await videoState(page, 0.25, 0.5)).frames, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(async () => colourDistance((await videoState(page, 0.25, 0.5)).pixel, marker)).toBeLessThan(40);
  const state = await videoState(page, 0.25, 0.5);
  expect(state.width).toBeGreaterThan(0);
  expect(state.height).toBeGreaterThan(0);
  // the session view's quality line reads the receiver's statistics
  const quality = page.getByTestId('connection-quality');
  await expect(quality).toContainText('Connected');
  await expect(quality).toContainText(/\d+ frames\/s/, { timeout: 15_000 });
  return state;
}

/** The marker's colour (within video coding's error) somewhere in raw RGB pixels. */
function countMarkerPixels(rgb: Buffer): number {
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (colourDistance([rgb[i]!, rgb[i + 1]!, rgb[i + 2]!], marker) < 40) count += 1;
  }
  return count;
}

test('a recorded session: the code from Support, the customer allows and shares, frames with the marker arrive, the recording plays the marker back', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const tech = await technician(browser, 'Session e2e', { 'sessions.recording': 'always' });
  const { code, sessionId } = await newSessionFromSupport(tech);
  await expect(tech.page.getByTestId('recording-indicator')).toBeVisible();

  const customer = await customerJoins(browser, tech, code, 'Carla Customer');
  const consent = customer.getByTestId('session-consent');
  await expect(consent.getByTestId('consent-who')).toHaveText(
    `Session e2e Admin from ${tech.companyName} asks to see your screen.`,
  );
  await expect(consent.getByTestId('consent-recording')).toHaveText('This session is recorded.');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await paintMarker(customer);
  await customer.getByTestId('session-share').getByRole('button', { name: 'Share my screen' }).click();
  await expect(customer.getByRole('button', { name: 'Stop sharing' })).toBeVisible();

  const started = Date.now();
  await expectScreenWithMarker(tech.page);
  // no TURN server and no relay-only: the pages connect directly
  await expect(tech.page.getByTestId('connection-path')).toHaveText('Direct', { timeout: 15_000 });
  // the portal's own page on the right: not the marker
  expect(colourDistance((await videoState(tech.page, 0.75, 0.6)).pixel, marker)).toBeGreaterThan(80);
  await snap(customer, 'customer-sharing');
  await snap(tech.page, 'technician-live');

  // --- about five seconds recorded, then the technician ends the session with an outcome and notes
  await tech.page.waitForTimeout(Math.max(0, 5_000 - (Date.now() - started)));
  await tech.page.getByRole('button', { name: 'End session' }).click();
  const end = tech.page.getByRole('dialog', { name: 'End the session' });
  await end.getByRole('radio', { name: 'Resolved', exact: true }).check();
  await end.getByLabel('Notes').fill('Showed the customer where the setting is.');
  await end.getByRole('button', { name: 'End session' }).click();
  await expect(tech.page.getByTestId('session-phase')).toHaveAttribute('data-phase', 'ended');
  await expect(customer.getByTestId('session-over')).toBeVisible();

  // --- the recording, fetched with the technician's cookies once finished, read by ffprobe and ffmpeg
  await expect
    .poll(
      async () => {
        const info = await tech.page.request.get(`/api/v1/sessions/${sessionId}/recording/info`);
        return info.ok() ? ((await info.json()) as { status: string }).status : `HTTP ${info.status()}`;
      },
      { timeout: 30_000 },
    )
    .toBe('ready');
  const recording = await tech.page.request.get(`/api/v1/sessions/${sessionId}/recording`);
  expect(recording.status()).toBe(200);
  expect(recording.headers()['content-type']).toContain('video/webm');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-recording-'));
  const file = path.join(dir, 'recording.webm');
  fs.writeFileSync(file, await recording.body());
  const probed = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  ) as { format: { duration?: string }; streams: { codec_type: string; width?: number }[] };
  const duration = Number(probed.format.duration);
  expect(duration).toBeGreaterThan(2);
  expect(probed.streams.some((s) => s.codec_type === 'video' && (s.width ?? 0) > 0)).toBe(true);
  const frameAt = Math.min(2, duration / 2);
  const rgb = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-ss', String(frameAt), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  expect(rgb.length).toBeGreaterThan(0);
  // the marker fills half the shared page: a good part of the frame is its colour
  expect(countMarkerPixels(rgb) / (rgb.length / 3)).toBeGreaterThan(0.2);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-ss',
    String(frameAt),
    '-i',
    file,
    '-frames:v',
    '1',
    'test-results/screenshots/webrtc-session-recording-frame.png',
  ]);
  fs.rmSync(dir, { recursive: true, force: true });

  // --- the session's page: its player and the timeline of what happened
  await tech.page.goto(`/sessions/${sessionId}`);
  await expect(tech.page.getByTestId('recording-video')).toBeVisible();
  await expect
    .poll(() => tech.page.getByTestId('recording-video').evaluate((v: HTMLVideoElement) => v.duration))
    .toBeGreaterThan(2);
  const timeline = tech.page.getByTestId('session-timeline');
  for (const event of ['Customer consented', 'Screen sharing started', 'Recording started', 'Session ended'])
    await expect(timeline).toContainText(event);
  await expect(tech.page.getByTestId('session-facts')).toContainText('Showed the customer where the setting is.');
  await snap(tech.page, 'detail');
  await customer.context().close();
  await tech.page.context().close();
});

test('relay only (sessions.relayOnly with a TURN server): both pages connect through coturn and frames with the marker arrive', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const turnUrl = process.env.TANDEM_TEST_TURN_URL;
  expect(turnUrl, 'TANDEM_TEST_TURN_URL and TANDEM_TURN_SECRET (scripts/in-netns.sh --turn)').toBeTruthy();
  const tech = await technician(browser, 'Session relay', {
    'sessions.recording': 'off',
    'sessions.iceServers': turnUrl,
    'sessions.relayOnly': true,
  });
  const { code, sessionId } = await newSessionFromSupport(tech);
  const customer = await customerJoins(browser, tech, code, 'Rémi Relay');
  // what both pages are told once the customer joined: the TURN server with a credential, and relay only
  const answer = await tech.page.request.get(`/api/v1/sessions/${sessionId}/ice-servers`);
  expect(answer.status(), await answer.text()).toBe(200);
  const ice = (await answer.json()) as {
    iceServers: { urls: string[]; username?: string }[];
    iceTransportPolicy: string;
  };
  expect(ice.iceTransportPolicy).toBe('relay');
  expect(ice.iceServers).toEqual([
    expect.objectContaining({ urls: [turnUrl], username: expect.stringContaining(sessionId) }),
  ]);

  await expect(customer.getByTestId('session-consent').getByTestId('consent-recording')).toHaveText(
    'This session is not recorded.',
  );
  await customer.getByTestId('session-consent').getByRole('button', { name: 'Allow' }).click();
  await paintMarker(customer);
  await customer.getByTestId('session-share').getByRole('button', { name: 'Share my screen' }).click();

  await expectScreenWithMarker(tech.page);
  await expect(tech.page.getByTestId('connection-path')).toHaveText('Relayed', { timeout: 15_000 });
  await snap(tech.page, 'technician-relayed');
  await customer.context().close();
  await tech.page.context().close();
});

/** Remembers the stream the technician's <video> shows; true once it shows another one. */
const rememberStream = (page: Page) =>
  page.getByTestId('screen-video').evaluate((video: HTMLVideoElement) => {
    (window as unknown as { shownBefore: MediaProvider | null }).shownBefore = video.srcObject;
  });
const showsAnotherStream = (page: Page) =>
  page
    .getByTestId('screen-video')
    .evaluate(
      (video: HTMLVideoElement) =>
        video.srcObject !== null &&
        video.srcObject !== (window as unknown as { shownBefore: MediaProvider | null }).shownBefore,
    );

test('the session resumes: the technician’s line drops and comes back, then the customer’s page reloads and shares again; frames with the marker arrive each time', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const tech = await technician(browser, 'Session resume', { 'sessions.recording': 'off' });
  // every live socket of the console goes through this route, so the test can cut it like a failing network
  const routes: WebSocketRoute[] = [];
  await tech.page.routeWebSocket(/\/api\/v1\/live$/, (ws) => {
    ws.connectToServer();
    routes.push(ws);
  });
  const { code } = await newSessionFromSupport(tech);
  const customer = await customerJoins(browser, tech, code, 'Rosa Resume');
  await customer.getByTestId('session-consent').getByRole('button', { name: 'Allow' }).click();
  await paintMarker(customer);
  await customer.getByTestId('session-share').getByRole('button', { name: 'Share my screen' }).click();
  await expectScreenWithMarker(tech.page);

  // the technician's line drops: the console reconnects by itself, watches again, and a new
  // peer connection brings the customer's screen back
  await rememberStream(tech.page);
  const socketsBefore = routes.length;
  await routes.at(-1)!.close({ code: 4000, reason: 'network down' });
  await expect.poll(() => routes.length, { timeout: 40_000 }).toBeGreaterThan(socketsBefore);
  await expect.poll(() => showsAnotherStream(tech.page), { timeout: 30_000 }).toBe(true);
  await expectScreenWithMarker(tech.page);
  await snap(tech.page, 'technician-resumed');

  // the customer's page reloads: it offers to share again, and the screen comes back
  await rememberStream(tech.page);
  await customer.reload();
  await customer.getByRole('button', { name: 'Share my screen again' }).click();
  await expect(customer.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  await paintMarker(customer);
  await expect.poll(() => showsAnotherStream(tech.page), { timeout: 30_000 }).toBe(true);
  await expectScreenWithMarker(tech.page);
  await customer.context().close();
  await tech.page.context().close();
});
